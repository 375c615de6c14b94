"""The plan pages: import, review beside the text, confirm, read, and "my duties"."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from lanhmanh.demo.documents import demo_file
from lanhmanh.demo.replay import load_demo
from lanhmanh.plans import actions
from lanhmanh.plans.models import Plan, PlanStatus

pytestmark = pytest.mark.django_db


@pytest.fixture
def demo(django_user_model):
    load_demo(with_plans=False)
    return {u.username: u for u in django_user_model.objects.all()}


def upload(client, name="ke-hoach-tinh-2026.txt"):
    filename, data = demo_file(name)
    return client.post(
        reverse("plans:import"), {"file": SimpleUploadedFile(filename, data)}, follow=False
    )


def management(prefix, formset_data):
    return {f"{prefix}-{k}": v for k, v in formset_data.items()}


def review_post(response_context, **changes):
    """The review form as the browser would send it back, with some fields changed."""
    data = {}
    for form in [response_context["plan_form"]]:
        for name, field in form.fields.items():
            value = form.initial.get(name, field.initial)
            data[form.add_prefix(name)] = "" if value is None else getattr(value, "pk", value)
    for formset in response_context["sets"].values():
        data.update(
            {
                f"{formset.prefix}-TOTAL_FORMS": formset.total_form_count(),
                f"{formset.prefix}-INITIAL_FORMS": formset.initial_form_count(),
                f"{formset.prefix}-MIN_NUM_FORMS": 0,
                f"{formset.prefix}-MAX_NUM_FORMS": 1000,
            }
        )
        for form in formset:
            for name, field in form.fields.items():
                value = form.initial.get(name, field.initial)
                if name == "DELETE" or value is None:
                    continue
                if hasattr(value, "strftime"):
                    value = value.strftime("%Y-%m") if "month" in name else value.isoformat()
                data[form.add_prefix(name)] = getattr(value, "pk", value)
    data.update(changes)
    return data


def test_import_review_edit_confirm(client, demo):
    client.force_login(demo["coordinator"])
    response = upload(client)
    plan = Plan.objects.get()
    assert response.status_code == 302 and response.url == reverse("plans:review", args=[plan.pk])
    review = client.get(response.url)
    assert review.status_code == 200
    body = review.content.decode()
    assert 'class="mark-t"' in body and 'class="mark-d"' in body
    target = plan.targets.order_by("order").first()
    i = list(review.context["sets"]["targets"].queryset).index(target)
    data = review_post(review.context, **{f"targets-{i}-value": "90", "confirm": "1"})
    confirmed = client.post(response.url, data)
    assert confirmed.status_code == 302, confirmed.context and [
        f.errors for s in confirmed.context["sets"].values() for f in s
    ]
    plan.refresh_from_db()
    target.refresh_from_db()
    assert plan.status == PlanStatus.ACTIVE
    assert target.value == 90
    detail = client.get(reverse("plans:detail", args=[plan.pk]))
    assert detail.status_code == 200
    assert "Công an tỉnh Nghệ An" in detail.content.decode()


def test_review_shows_field_errors_and_saves_nothing(client, demo):
    client.force_login(demo["coordinator"])
    upload(client)
    plan = Plan.objects.get()
    review = client.get(reverse("plans:review", args=[plan.pk]))
    data = review_post(review.context, **{"targets-0-value": "-5", "plan-last_year": "1800"})
    response = client.post(reverse("plans:review", args=[plan.pk]), data)
    assert response.status_code == 400
    assert response.context["sets"]["targets"][0].errors["value"]
    assert response.context["plan_form"].errors["last_year"]
    plan.refresh_from_db()
    assert plan.status == PlanStatus.DRAFT and plan.last_year == 2026


def test_reimport_goes_to_the_existing_plan(client, demo):
    client.force_login(demo["coordinator"])
    upload(client)
    again = upload(client)
    assert Plan.objects.count() == 1
    assert again.url == reverse("plans:detail", args=[Plan.objects.get().pk])


@pytest.mark.parametrize(
    ("filename", "data"),
    [("empty.txt", b""), ("old.doc", b"\xd0\xcf\x11\xe0junk"), ("x.exe", b"MZ\x90\x00")],
)
def test_bad_uploads_get_a_message(client, demo, filename, data):
    client.force_login(demo["coordinator"])
    response = client.post(reverse("plans:import"), {"file": SimpleUploadedFile(filename, data)})
    assert response.status_code == 400
    assert response.context["form"].errors["file"]
    assert not Plan.objects.exists()


def test_huge_upload_is_refused(client, demo, monkeypatch):
    monkeypatch.setattr(actions, "MAX_UPLOAD_BYTES", 1000)
    client.force_login(demo["coordinator"])
    response = upload(client)
    assert response.status_code == 400
    assert "20 MB" in str(response.context["form"].errors["file"])
    assert not Plan.objects.exists()


def test_reporter_cannot_import_or_see_drafts(client, demo):
    result = actions.import_plan(demo["coordinator"], *demo_file("ke-hoach-tinh-2026.txt"))
    client.force_login(demo["reporter"])
    assert client.get(reverse("plans:import")).status_code == 403
    assert client.get(reverse("plans:detail", args=[result.plan.pk])).status_code == 404
    assert client.get(reverse("plans:review", args=[result.plan.pk])).status_code == 404
    actions.confirm_plan(demo["coordinator"], result.plan, create_missing_agencies=True)
    # Active, the province's plan is read by the commune (it is addressed to it)…
    assert client.get(reverse("plans:detail", args=[result.plan.pk])).status_code == 200
    # …but not edited by it.
    assert client.get(reverse("plans:review", args=[result.plan.pk])).status_code == 403


def test_my_duties_for_a_commune_and_for_the_police(client, demo):
    plan = actions.import_plan(demo["coordinator"], *demo_file("ke-hoach-tinh-2026.txt")).plan
    actions.confirm_plan(demo["coordinator"], plan, create_missing_agencies=True)
    client.force_login(demo["reporter"])
    mine = client.get(reverse("plans:mine")).content.decode()
    assert "Ủy ban nhân dân các xã, phường" in mine
    assert "Xây dựng kế hoạch phòng, chống mại dâm của địa phương" in mine
    client.force_login(demo["police"])
    mine = client.get(reverse("plans:mine")).content.decode()
    assert "Chỉ đạo lực lượng Công an các cấp" in mine
    assert "Ủy ban nhân dân các xã, phường" not in mine


def test_labour_department_duties_reach_the_health_department(client, demo):
    plan = actions.import_plan(demo["coordinator"], *demo_file("ke-hoach-tinh-2021-2025.txt")).plan
    actions.confirm_plan(demo["coordinator"], plan, create_missing_agencies=True)
    client.force_login(demo["coordinator"])  # Sở Y tế, successor of Sở LĐTBXH
    mine = client.get(reverse("plans:mine")).content.decode()
    assert "Chủ trì, hướng dẫn, kiểm tra việc thực hiện Kế hoạch" in mine


def test_plan_list_query_count(client, demo, django_assert_max_num_queries):
    for name in ("ke-hoach-tinh-2026.txt", "ke-hoach-tinh-2021-2025.txt"):
        plan = actions.import_plan(demo["coordinator"], *demo_file(name)).plan
        actions.confirm_plan(demo["coordinator"], plan, create_missing_agencies=True)
    client.force_login(demo["viewer"])
    with django_assert_max_num_queries(9):
        response = client.get(reverse("plans:list"))
    assert len(response.context["page"]) == 2


def test_reviewer_chooses_the_indicator_of_a_target(client, demo):
    from lanhmanh.indicators.loader import load_indicators

    load_indicators()
    client.force_login(demo["coordinator"])
    upload(client)
    plan = Plan.objects.get()
    review = client.get(reverse("plans:review", args=[plan.pk]))
    choices = dict(review.context["sets"]["targets"][0].fields["indicator_code"].choices)
    assert "media_items" in choices
    data = review_post(review.context, **{"targets-0-indicator_code": "media_items"})
    assert client.post(reverse("plans:review", args=[plan.pk]), data).status_code == 302
    first = plan.targets.order_by("order").first()
    assert first.indicator_code == "media_items"
    bad = review_post(review.context, **{"targets-0-indicator_code": "no_such_code"})
    assert client.post(reverse("plans:review", args=[plan.pk]), bad).status_code == 400

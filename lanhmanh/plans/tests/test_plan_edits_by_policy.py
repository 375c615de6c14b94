"""Plans are imported and edited by the coordinating office of their area (``plan.import``,
``plan.edit``), through the actions, each of which writes one audit row naming the
person; reading a plan file out (extraction) is for those who import plans.

Issue 19, finding 8 (permission part): any signed-in user, a viewer included, made the
server extract an uploaded file."""

import pytest
from django.core.exceptions import PermissionDenied
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse

from lanhmanh.agencies.roles import Role
from lanhmanh.audit.models import Change, ChangeAction
from lanhmanh.plans import actions
from lanhmanh.plans.models import Plan, PlanKind, PlanStatus, Target

pytestmark = pytest.mark.django_db

PLAN_TEXT = b"KE HOACH\nPhong, chong mai dam nam 2026\n"


def login(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


@pytest.fixture
def no_extraction(monkeypatch):
    """Extraction replaced by a recorder: the tests see whether a file was read at all."""
    calls = []

    def read(filename, data):
        calls.append(filename)
        return {"schema": "lanhmanh.plan/v1", "source": {"filename": filename}}, "", {}

    monkeypatch.setattr(actions, "read_plan_file", read)
    return calls


@pytest.mark.parametrize("role", [r for r in Role.values if r != Role.COORDINATOR])
def test_extraction_is_refused_before_reading_to_roles_that_do_not_import(
    cast, no_extraction, role
):
    client = login(cast.inside[role])
    api = client.post(
        "/api/v1/plans/extract", {"file": SimpleUploadedFile("ke-hoach.txt", PLAN_TEXT)}
    )
    assert api.status_code == 403 and api.json()["detail"]
    web = client.post(
        reverse("plans:import"), {"file": SimpleUploadedFile("ke-hoach.txt", PLAN_TEXT)}
    )
    assert web.status_code == 403
    assert no_extraction == []
    assert not Plan.objects.exists()


def test_a_coordinator_extracts(cast, no_extraction):
    client = login(cast.inside["coordinator"])
    api = client.post(
        "/api/v1/plans/extract", {"file": SimpleUploadedFile("ke-hoach.txt", PLAN_TEXT)}
    )
    assert api.status_code == 200 and api.json()["source"]["filename"] == "ke-hoach.txt"
    assert no_extraction == ["ke-hoach.txt"]


@pytest.fixture
def draft(cast):
    plan = Plan.objects.create(
        kind=PlanKind.KE_HOACH,
        number="12/KH-UBND",
        title="Kế hoạch phòng, chống mại dâm năm 2026",
        jurisdiction=cast.province,
        first_year=2026,
        last_year=2026,
    )
    Target.objects.create(
        plan=plan, text="100% xã không có tệ nạn", kind="percent", op="ge", value=100
    )
    return plan


def changes_of(plan):
    return list(Change.objects.filter(object_id=plan.pk, content_type__model="plan").order_by("pk"))


def test_plan_actions_take_the_acting_user_and_check_the_door(cast, draft):
    for user in (
        cast.inside["viewer"],
        cast.inside["reporter"],
        cast.in_commune["coordinator"],  # a coordinator, of another area
        cast.outside["coordinator"],
    ):
        with pytest.raises(PermissionDenied):
            actions.confirm_plan(user, draft)
        with pytest.raises(PermissionDenied):
            actions.discard_draft(user, draft)
        with pytest.raises(PermissionDenied):
            actions.save_review(user, draft, None, {})
        with pytest.raises(PermissionDenied):
            actions.import_plan(user, "ke-hoach.txt", PLAN_TEXT, jurisdiction=cast.province)
    draft.refresh_from_db()
    assert draft.status == PlanStatus.DRAFT and not changes_of(draft)


def test_each_plan_edit_writes_one_audit_row_with_its_author(cast, draft):
    coordinator = cast.inside["coordinator"]
    actions.confirm_plan(coordinator, draft)
    actions.close_plan(coordinator, draft)
    rows = changes_of(draft)
    assert [(r.action, r.actor) for r in rows] == [
        (ChangeAction.UPDATED, coordinator),
        (ChangeAction.UPDATED, coordinator),
    ]
    assert rows[0].fields["status"] == [PlanStatus.DRAFT, PlanStatus.ACTIVE]
    assert rows[1].fields["status"] == [PlanStatus.ACTIVE, PlanStatus.CLOSED]


def test_review_through_the_web_writes_one_audit_row(cast, draft):
    coordinator = cast.inside["coordinator"]
    client = login(coordinator)
    url = reverse("plans:review", args=[draft.pk])
    review = client.get(url)
    assert review.status_code == 200
    data = {}
    form = review.context["plan_form"]
    for name, field in form.fields.items():
        value = form.initial.get(name, field.initial)
        data[form.add_prefix(name)] = "" if value is None else getattr(value, "pk", value)
    for formset in review.context["sets"].values():
        data[f"{formset.prefix}-TOTAL_FORMS"] = formset.initial_form_count()
        data[f"{formset.prefix}-INITIAL_FORMS"] = formset.initial_form_count()
        for sub in formset.forms[: formset.initial_form_count()]:
            for name, field in sub.fields.items():
                value = sub.initial.get(name, field.initial)
                if name != "DELETE" and value is not None:
                    data[sub.add_prefix(name)] = getattr(value, "pk", value)
    data["plan-title"] = "Kế hoạch phòng, chống mại dâm năm 2026 (sửa)"
    data["targets-0-value"] = "90"
    response = client.post(url, data)
    assert response.status_code == 302, response.context and [
        f.errors for f in [response.context["plan_form"]]
    ]
    rows = changes_of(draft)
    assert len(rows) == 1 and rows[0].actor == coordinator
    assert rows[0].fields["title"][1].endswith("(sửa)")
    assert "targets" in rows[0].fields

    viewer = login(cast.inside["viewer"])
    assert viewer.post(url, data).status_code in (403, 404)
    assert len(changes_of(draft)) == 1

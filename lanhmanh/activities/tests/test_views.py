"""The activity pages: list and its filters, export, detail, record, edit, attachments,
community models — and who reaches them."""

import datetime
import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from openpyxl import load_workbook

from lanhmanh.activities.models import Activity, CommunityModel
from lanhmanh.agencies.roles import Role

from .factories import make_activity, make_model

pytestmark = pytest.mark.django_db
D = datetime.date


def test_the_list_shows_the_area_s_activities_only(client, cast, programme):
    client.force_login(cast.inside[Role.VIEWER])
    page = client.get(reverse("activities:list"))
    assert page.status_code == 200
    titles = {a.title for a in page.context["page"]}
    assert programme["talk"].title in titles and programme["far"].title not in titles
    client.force_login(cast.in_commune[Role.REPORTER])
    listed = client.get(reverse("activities:list")).context["page"]
    assert {a.unit_id for a in listed} == {cast.commune.pk}
    # The register of another province's activity is a 404 from here.
    assert client.get(reverse("activities:detail", args=[programme["far"].pk])).status_code == 404
    for role in (Role.POLICE, Role.INSPECTOR, Role.CASE_WORKER):
        client.force_login(cast.inside[role])
        assert client.get(reverse("activities:list")).status_code == 403
        assert client.get(reverse("activities:models")).status_code == 403


def test_the_list_filters(client, cast, programme):
    client.force_login(cast.inside[Role.COORDINATOR])

    def listed(**params):
        page = client.get(reverse("activities:list"), params).context["page"]
        return {a.pk for a in page.paginator.object_list}

    assert listed(kind="training") == {programme["training"].pk, programme["training2"].pk}
    assert programme["article"].pk in listed(kind="communication")
    assert programme["visit"].pk not in listed(kind="communication")
    assert listed(area=cast.commune.pk, **{"from": "2026-01-01", "to": "2026-12-31"}) == {
        programme["talk"].pk,
        programme["plan"].pk,
        programme["plan_again"].pk,
    }
    assert listed(organiser=cast.commune_agency.pk, kind="talk") == {
        programme["talk"].pk,
        programme["old_talk"].pk,
    }
    assert programme["talk"].pk in listed(q="buoi tuyen truyen thu nghiem")
    assert listed(q="khong co hoat dong nay") == set()
    assert listed(audience="students") == set()
    # A date that does not parse is ignored with a field error, never a 500.
    response = client.get(reverse("activities:list"), {"from": "31/02/2026", "kind": "talk"})
    assert response.status_code == 200 and response.context["form"].errors


def test_the_list_s_queries_do_not_grow_with_its_rows(
    client, cast, programme, django_assert_max_num_queries
):
    client.force_login(cast.inside[Role.COORDINATOR])
    client.get(reverse("activities:list"))
    with django_assert_max_num_queries(16) as first:
        client.get(reverse("activities:list"))
    for _n in range(30):
        make_activity(cast.inside[Role.COORDINATOR], cast.province_agency, cast.province, "talk")
    with django_assert_max_num_queries(len(first.captured_queries)):
        client.get(reverse("activities:list"))
    client.get(reverse("activities:models"))
    with django_assert_max_num_queries(16) as first:
        client.get(reverse("activities:models"))
    for _n in range(10):
        make_model(cast.inside[Role.COORDINATOR], cast.province_agency, cast.province)
    with django_assert_max_num_queries(len(first.captured_queries)):
        client.get(reverse("activities:models"))


def test_the_export_is_the_filtered_list(client, cast, programme):
    client.force_login(cast.inside[Role.COORDINATOR])
    response = client.get(reverse("activities:export", args=["xlsx"]), {"kind": "training"})
    assert response.status_code == 200
    sheet = load_workbook(io.BytesIO(response.content)).active
    rows = list(sheet.iter_rows(values_only=True))
    assert len(rows) == 3 and {r[9] for r in rows[1:]} == {35, 20}
    csv = client.get(reverse("activities:export", args=["csv"]), {"kind": "training"})
    assert csv.content.decode("utf-8-sig").count("\n") == 3
    assert client.get(reverse("activities:export", args=["pdf"])).status_code == 404


def test_record_an_activity_on_the_web_with_field_errors_first(client, cast):
    client.force_login(cast.in_commune[Role.REPORTER])
    form = client.get(reverse("activities:create"))
    assert form.status_code == 200
    data = {
        "kind": "printed",
        "title": "Cấp phát tờ rơi",
        "held_on": "02/03/2026",
        "unit": cast.commune.pk,
        "organiser": cast.commune_agency.pk,
        "medium": "",
    }
    refused = client.post(reverse("activities:create"), data)
    assert refused.status_code == 400
    assert set(refused.context["form"].errors) >= {"medium", "quantity"}
    assert Activity.objects.count() == 0
    data.update(medium="leaflet", quantity="2000")
    done = client.post(reverse("activities:create"), data)
    activity = Activity.objects.get()
    assert done.status_code == 302 and done.url == reverse("activities:detail", args=[activity.pk])
    assert activity.quantity == 2000 and list(activity.communes.all()) == [cast.commune]
    # Another commune is not theirs: not offered, refused if sent.
    data["unit"] = cast.province.pk
    assert client.post(reverse("activities:create"), data).status_code == 400
    edit = client.post(
        reverse("activities:edit", args=[activity.pk]),
        {**data, "unit": cast.commune.pk, "quantity": "2500"},
    )
    assert edit.status_code == 302
    activity.refresh_from_db()
    assert activity.quantity == 2500


def test_attachments_are_checked_and_served_to_readers_only(client, cast, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    activity = make_activity(cast.in_commune[Role.REPORTER], cast.commune_agency)
    client.force_login(cast.in_commune[Role.REPORTER])
    url = reverse("activities:attach", args=[activity.pk])
    client.post(url, {"file": SimpleUploadedFile("bien-ban.exe", b"MZ")})
    client.post(url, {"file": SimpleUploadedFile("bien-ban.pdf", b"%PDF-1.4 minutes")})
    [attachment] = activity.attachments.all()
    assert attachment.name == "bien-ban.pdf"
    download = reverse("activities:attachment", args=[activity.pk, attachment.pk])
    client.force_login(cast.inside[Role.VIEWER])
    response = client.get(download)
    assert response.status_code == 200 and b"".join(response.streaming_content).startswith(b"%PDF")
    # A viewer reads, never attaches; another province does not see it at all.
    assert client.post(url, {"file": SimpleUploadedFile("x.pdf", b"%PDF")}).status_code == 403
    client.force_login(cast.outside[Role.COORDINATOR])
    assert client.get(download).status_code == 404


def test_register_and_stop_a_community_model(client, cast):
    client.force_login(cast.in_commune[Role.REPORTER])
    data = {
        "name": "Câu lạc bộ phụ nữ phường",
        "kind": "club",
        "unit": cast.commune.pk,
        "organiser": cast.commune_agency.pk,
        "started_on": "01/03/2026",
        "stopped_on": "01/02/2026",
    }
    refused = client.post(reverse("activities:model_create"), data)
    assert refused.status_code == 400 and "stopped_on" in refused.context["form"].errors
    data["stopped_on"] = ""
    assert client.post(reverse("activities:model_create"), data).status_code == 302
    model = CommunityModel.objects.get()
    page = client.get(reverse("activities:model", args=[model.pk]))
    assert page.status_code == 200 and page.context["can_edit"]
    data.update(stopped_on="01/06/2026", reviewed_on="15/05/2026", review="Tạm dừng")
    assert client.post(reverse("activities:model_edit", args=[model.pk]), data).status_code == 302
    model.refresh_from_db()
    assert model.status == "stopped"

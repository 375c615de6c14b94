"""The assessment pages — list, export, open, score, submit, review, trend, criteria —
and who reaches them."""

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from openpyxl import load_workbook

from lanhmanh.agencies.roles import Role
from lanhmanh.assessments.models import Assessment, CriteriaSet, Status
from lanhmanh.places.models import Level, UnitSuccession
from lanhmanh.testing import unit

from .factories import default_set, full_points, make_assessment

pytestmark = pytest.mark.django_db


@pytest.fixture
def records(cast):
    default_set()
    coordinator = cast.inside[Role.COORDINATOR]
    ha_tinh = cast.other_province.children.filter(level=Level.COMMUNE).first()
    old = UnitSuccession.objects.filter(successor=cast.commune).first().predecessor
    return {
        "here": make_assessment(coordinator, cast.commune, 2025, status=Status.SUBMITTED),
        "there": make_assessment(coordinator, unit("16681", Level.COMMUNE), 2025, healthy=False),
        "old": make_assessment(coordinator, old, 2024),
        "far": make_assessment(cast.outside[Role.COORDINATOR], ha_tinh, 2025),
    }


def communes(response):
    return sorted(a.commune.name for a in response.context["page"])


def test_list_by_year_in_the_area_only(client, cast, records):
    client.force_login(cast.inside[Role.VIEWER])
    url = reverse("assessments:list")
    response = client.get(url, {"year": 2025})
    assert response.status_code == 200
    assert communes(response) == ["Phường Thành Vinh", "Phường Trường Vinh"]
    assert not response.context["can_create"]
    assert response.context["figures"]["healthy"] == 0  # Thành Vinh approved, not lành mạnh
    assert response.context["figures"]["waiting"] == 1
    assert communes(client.get(url, {"year": 2024})) == [records["old"].commune.name]
    client.force_login(cast.in_commune[Role.REPORTER])
    assert communes(client.get(url, {"year": 2025})) == ["Phường Trường Vinh"]
    client.force_login(cast.outside[Role.VIEWER])
    assert communes(client.get(url, {"year": 2025})) == [records["far"].commune.name]


def test_filters(client, cast, records):
    client.force_login(cast.inside[Role.COORDINATOR])
    url = reverse("assessments:list")
    assert communes(client.get(url, {"year": 2025, "q": "truong vinh"})) == ["Phường Trường Vinh"]
    assert communes(client.get(url, {"year": 2025, "status": "approved"})) == ["Phường Thành Vinh"]
    assert communes(client.get(url, {"year": 2025, "result": "not_healthy", "status": ""})) == [
        "Phường Thành Vinh"
    ]
    response = client.get(url, {"year": "abc", "status": "nonsense"})
    assert response.status_code == 200
    assert {"year", "status"} <= set(response.context["form"].errors)


@pytest.mark.parametrize("role", [Role.INSPECTOR, Role.POLICE, Role.CASE_WORKER])
def test_other_roles_reach_nothing(client, cast, records, role):
    client.force_login(cast.inside[role])
    assert client.get(reverse("assessments:list")).status_code == 403
    assert client.get(reverse("assessments:detail", args=[records["here"].pk])).status_code == 404
    assert client.get(reverse("assessments:trend")).status_code == 403


def test_detail_out_of_area_is_404_and_read_only_cannot_edit(client, cast, records):
    client.force_login(cast.in_commune[Role.REPORTER])
    assert client.get(reverse("assessments:detail", args=[records["there"].pk])).status_code == 404
    client.force_login(cast.inside[Role.VIEWER])
    detail = client.get(reverse("assessments:detail", args=[records["here"].pk]))
    assert detail.status_code == 200
    assert not detail.context["can_edit"] and not detail.context["can_review"]
    assert client.get(reverse("assessments:edit", args=[records["here"].pk])).status_code == 403
    assert client.get(reverse("assessments:review", args=[records["here"].pk])).status_code == 403


def test_export_follows_the_filters(client, cast, records):
    client.force_login(cast.inside[Role.COORDINATOR])
    response = client.get(reverse("assessments:export", args=["xlsx"]), {"year": 2025})
    assert response.status_code == 200
    sheet = load_workbook(io.BytesIO(response.content)).active
    rows = list(sheet.iter_rows(values_only=True))
    assert len(rows) == 3
    assert sorted(r[2] for r in rows[1:]) == ["Phường Thành Vinh", "Phường Trường Vinh"]
    csv = client.get(reverse("assessments:export", args=["csv"]), {"year": 2024})
    assert csv.content.decode("utf-8-sig").count("\n") == 2
    assert client.get(reverse("assessments:export", args=["pdf"])).status_code == 404


def test_the_commune_reporter_prepares_and_submits(client, cast, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    default_set()
    client.force_login(cast.in_commune[Role.REPORTER])
    create = reverse("assessments:create") + "?year=2025"
    form = client.get(create).context["form"]
    assert list(form.fields["commune"].queryset) == [cast.commune]
    response = client.post(create, {"commune": cast.commune.pk, "summary": "Năm 2025"})
    assessment = Assessment.objects.get(commune=cast.commune, year=2025)
    assert response.status_code == 302
    edit = reverse("assessments:edit", args=[assessment.pk])
    page = client.get(edit)
    assert page.status_code == 200
    data = {"summary": "Tốt"}
    for criterion_id, values in full_points(assessment).items():
        data[f"points_{criterion_id}"] = values["points"]
        data[f"evidence_{criterion_id}"] = "Biên bản"
    first = next(iter(full_points(assessment)))
    bad = client.post(edit, {**data, f"points_{first}": 99})
    assert bad.status_code == 400
    assert client.post(edit, {**data, "save": ""}).status_code == 302
    assessment.refresh_from_db()
    assert (assessment.total, assessment.status) == (100, Status.DRAFT)
    upload = SimpleUploadedFile("bien-ban.pdf", b"%PDF-1.4")
    client.post(reverse("assessments:attach", args=[assessment.pk]), {"file": upload})
    attachment = assessment.attachments.get()
    download = client.get(reverse("assessments:attachment", args=[assessment.pk, attachment.pk]))
    assert download.status_code == 200
    assert client.post(edit, {**data, "submit": ""}).status_code == 302
    assessment.refresh_from_db()
    assert assessment.status == Status.SUBMITTED
    # …and cannot review it.
    assert client.get(reverse("assessments:review", args=[assessment.pk])).status_code == 403


def test_the_coordinator_reviews(client, cast, records):
    client.force_login(cast.inside[Role.COORDINATOR])
    url = reverse("assessments:review", args=[records["here"].pk])
    assert client.post(url, {"decision": "return", "comment": ""}).status_code == 400
    assert (
        client.post(url, {"decision": "return", "comment": "Thiếu minh chứng"}).status_code == 302
    )
    records["here"].refresh_from_db()
    assert records["here"].status == Status.RETURNED
    detail = client.get(reverse("assessments:detail", args=[records["here"].pk]))
    assert "Thiếu minh chứng" in detail.content.decode()


def test_trend_page_and_export(client, cast, records):
    client.force_login(cast.inside[Role.VIEWER])
    response = client.get(reverse("assessments:trend"), {"commune": cast.commune.pk})
    assert response.status_code == 200
    assert response.context["area"] == cast.province
    focus = dict(response.context["focus_years"])
    old = records["old"].commune
    assert [u for u, _r in focus[2024].predecessors if u == old]
    export = client.get(reverse("assessments:trend_export", args=["csv"]))
    assert export.status_code == 200
    lines = export.content.decode("utf-8-sig").splitlines()
    assert len(lines) == 1 + 6


def test_criteria_sets_kept_by_the_coordinator(client, cast):
    national = default_set()
    client.force_login(cast.inside[Role.COORDINATOR])
    assert client.get(reverse("assessments:criteria_edit", args=[national.pk])).status_code == 403
    url = reverse("assessments:criteria_create")
    data = {
        "name": "Bộ tiêu chí riêng",
        "jurisdiction": cast.province.pk,
        "first_year": 2026,
        "threshold": 5,
        "healthy_label": "Lành mạnh",
        "not_healthy_label": "Chưa đạt",
        "criteria-TOTAL_FORMS": 2,
        "criteria-INITIAL_FORMS": 0,
        "criteria-0-group": "A",
        "criteria-0-code": "1",
        "criteria-0-text": "Không có tụ điểm",
        "criteria-0-max_points": 10,
        "criteria-0-mandatory": "on",
    }
    assert client.post(url, {**data, "threshold": 50}).status_code == 400
    assert not CriteriaSet.objects.filter(jurisdiction=cast.province).exists()
    response = client.post(url, data)
    assert response.status_code == 302
    own = CriteriaSet.objects.get(jurisdiction=cast.province)
    assert own.criteria.get().mandatory
    client.force_login(cast.outside[Role.COORDINATOR])
    assert client.get(reverse("assessments:criteria_detail", args=[own.pk])).status_code == 404
    client.force_login(cast.in_commune[Role.REPORTER])
    assert client.get(reverse("assessments:criteria_detail", args=[own.pk])).status_code == 200
    assert client.get(reverse("assessments:criteria_edit", args=[own.pk])).status_code == 403


def test_list_query_count_does_not_grow(client, cast, records, django_assert_num_queries):
    coordinator = cast.inside[Role.COORDINATOR]
    client.force_login(coordinator)
    url = reverse("assessments:list")
    client.get(url, {"year": 2024})
    old = [
        link.predecessor
        for link in UnitSuccession.objects.filter(successor=unit("16681", Level.COMMUNE))
    ]
    for commune in old:
        make_assessment(coordinator, commune, 2024, status=Status.DRAFT)
    # session, user, grants, figures, communes count, list count, page.
    with django_assert_num_queries(7):
        response = client.get(url, {"year": 2024})
    assert response.context["page"].paginator.count == 1 + len(old)


def test_trend_query_count_does_not_grow(client, cast, records):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client.force_login(cast.inside[Role.VIEWER])
    url = reverse("assessments:trend")
    client.get(url)
    with CaptureQueriesContext(connection) as before:
        client.get(url)
    coordinator = cast.inside[Role.COORDINATOR]
    for link in UnitSuccession.objects.filter(successor=unit("16732", Level.COMMUNE)):
        make_assessment(coordinator, link.predecessor, 2023)
    with CaptureQueriesContext(connection) as after:
        response = client.get(url)
    assert len(after.captured_queries) == len(before.captured_queries)
    # session, user, grants, areas, communes, the results (2), two a year
    assert len(before.captured_queries) == 7 + 2 * 6
    row = {r.year: r for r in response.context["rows"]}[2023]
    assert (row.healthy, row.healthy_then) == (1, 7)


def test_a_report_figure_links_to_the_assessments_behind_it(client, cast, records):
    """The records link of the catalogue's figure lists as many communes as it counts."""
    import datetime

    from lanhmanh.assessments import indicators
    from lanhmanh.indicators import registry as registers
    from lanhmanh.indicators.models import Indicator

    coordinator = cast.inside[Role.COORDINATOR]
    for link in UnitSuccession.objects.filter(successor=unit("16732", Level.COMMUNE)):
        make_assessment(coordinator, link.predecessor, 2024)
    client.force_login(coordinator)
    for area, year in ((cast.province, 2024), (cast.province, 2025), (cast.commune, 2024)):
        end = datetime.date(year, 12, 31)
        indicator = Indicator(code="communes_healthy", compute="assessments.communes_healthy")
        url = registers.records_url(indicator, area.pk, end, coordinator)
        assert url is not None
        listed = client.get(url).context["page"].paginator.count
        figure = indicators.communes_healthy({area.pk}, datetime.date(year, 1, 1), end)
        assert listed == figure
    assert figure == 1  # the old ward of Trường Vinh assessed in 2024
    assert registers.records_url(indicator, cast.province.pk, end, cast.inside[Role.POLICE]) is None

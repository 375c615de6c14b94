"""Trends, the map, the reports behind the figures, and every table's CSV/XLSX and the
dashboard's PDF; the number of queries of each page does not grow with the records."""

import csv
import datetime
import io

import pytest
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook

from .conftest import make_establishment, make_tip

pytestmark = pytest.mark.django_db


def csv_rows(response):
    assert response["Content-Type"].startswith("text/csv")
    text = response.content.decode("utf-8-sig")
    return list(csv.reader(io.StringIO(text)))


def xlsx_rows(response):
    book = load_workbook(io.BytesIO(response.content))
    return [list(row) for row in book.active.iter_rows(values_only=True)]


def test_dashboard_tables_export_as_csv_and_xlsx(client, world):
    cast = world.cast
    client.force_login(cast.inside["coordinator"])
    figures = csv_rows(client.get(reverse("monitoring:dashboard_export", args=["figures", "csv"])))
    values = {row[0]: row[1] for row in figures[1:]}
    assert values["Tin báo quá hạn xử lý"] == "3"
    assert values["Báo cáo chưa nộp, đã quá hạn"] == "1"
    units = xlsx_rows(client.get(reverse("monitoring:dashboard_export", args=["units", "xlsx"])))
    by_name = {row[0]: row for row in units[1:]}
    assert by_name[cast.commune.name][1] == 2
    assert sum(row[1] for row in units[1:]) == 3
    targets = csv_rows(client.get(reverse("monitoring:dashboard_export", args=["targets", "csv"])))
    assert targets[1][0] == "99/KH-TEST" and "20%" in targets[1][1]
    response = client.get(reverse("monitoring:dashboard_export", args=["figures", "csv"]))
    assert response["Content-Disposition"].startswith('attachment; filename="bang-dieu-khien-')


def test_dashboard_pdf(client, world):
    client.force_login(world.cast.inside["viewer"])
    response = client.get(reverse("monitoring:dashboard_pdf"))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response.content.startswith(b"%PDF")
    from pypdf import PdfReader

    reader = PdfReader(io.BytesIO(response.content))
    assert len(reader.pages) == 1  # a leader's dashboard is one A4 page
    text = reader.pages[0].extract_text()
    assert "99/KH-TEST" in text


def test_reports_behind_the_figures(client, world, django_assert_num_queries):
    cast = world.cast
    client.force_login(cast.inside["viewer"])
    missing = client.get(reverse("monitoring:reports", args=["missing"]))
    assert [r.agency for r in missing.context["page"]] == [cast.province_agency]
    with django_assert_num_queries(QUERIES["reports"]):
        late = client.get(reverse("monitoring:reports", args=["late"]))
    assert [r.agency for r in late.context["page"]] == [cast.commune_agency]
    rows = csv_rows(client.get(reverse("monitoring:reports_export", args=["late", "csv"])))
    assert rows[1][2] == cast.commune_agency.name
    # The door lets every member of a reporting unit read reports (their own): the
    # dashboard's link opens for an administrator too, and lists what they may read
    # (none here, as its figure counts).
    client.force_login(cast.inside["admin"])
    page = client.get(reverse("monitoring:reports", args=["late"]))
    assert page.status_code == 200 and list(page.context["page"]) == []


def test_trend_by_month(client, world, django_assert_num_queries):
    client.force_login(world.cast.inside["coordinator"])
    url = reverse("monitoring:trend", args=["tips_received"])
    with django_assert_num_queries(QUERIES["trend"]):
        response = client.get(url)
    table = response.context["table"]
    assert len(table.rows) == 12
    today = timezone.localdate()
    assert table.rows[-1][0] == f"{today:%m/%Y}"
    # The province's five tips of the last three months (not the other province's).
    assert sum(row[-1] for row in table.rows) == 5
    page = response.content.decode()
    assert "<svg" in page and "<script>" not in page
    rows = csv_rows(client.get(url + "?format=csv"))
    assert len(rows) == 13
    rows = xlsx_rows(client.get(url + "?format=xlsx"))
    assert rows[0][0] == "Tháng"
    percent = client.get(reverse("monitoring:trend", args=["inspection_coverage"]))
    assert percent.status_code == 200
    # Figures of today only have no history to draw.
    for key in ("tips_overdue", "hotspots_operating"):
        assert client.get(reverse("monitoring:trend", args=[key])).status_code == 404


def test_target_trend(client, world):
    target = world.plan.targets.get()
    client.force_login(world.cast.inside["viewer"])
    response = client.get(reverse("monitoring:target", args=[target.pk]))
    assert response.status_code == 200
    assert "<svg" in response.content.decode()
    assert (
        client.get(reverse("monitoring:target", args=[target.pk]) + "?format=csv").status_code
        == 200
    )
    client.force_login(world.cast.outside["viewer"])
    assert client.get(reverse("monitoring:target", args=[target.pk])).status_code == 404


def test_map_ranks_the_communes(client, world, django_assert_num_queries):
    cast = world.cast
    client.force_login(cast.inside["coordinator"])
    url = reverse("monitoring:map") + "?measure=tips_overdue"
    with django_assert_num_queries(QUERIES["map"]):
        response = client.get(url)
    rows = response.context["rows"]
    assert rows[0]["unit"] == cast.commune and rows[0]["value"] == 2
    assert rows[1]["unit"] == world.second and rows[1]["value"] == 1
    tiles = response.context["map"]
    # 34 province tiles, only the user's own coloured and linked.
    assert tiles.count("<rect x=") == 34
    assert tiles.count("<a href=") == 1 and f"unit={cast.province.pk}" in tiles
    assert f"unit={cast.other_province.pk}" not in tiles
    assert 'style="' not in response.context["map"]
    rows = csv_rows(client.get(url + "&format=csv"))
    assert rows[1][1] == cast.commune.name and rows[1][3] == "2"
    # Drill down to a commune: nothing below it to rank.
    response = client.get(url + f"&unit={cast.commune.pk}")
    assert response.context["rows"] == []


def test_national_user_sees_every_province(client, world, django_user_model):
    from lanhmanh.testing import make_agency, make_user

    ministry = make_agency(None, name="Bộ Y tế")
    user = make_user("viewer", ministry)
    client.force_login(user)
    response = client.get(reverse("monitoring:dashboard"))
    assert response.context["area"].national
    figures = {f.key: f.value for f in response.context["figures"]}
    assert figures["tips_overdue"] == 4  # both provinces
    response = client.get(reverse("monitoring:map") + "?measure=tips_overdue")
    values = {r["unit"].pk: r["value"] for r in response.context["rows"]}
    assert values[world.cast.province.pk] == 3
    assert values[world.cast.other_province.pk] == 1
    assert len(values) == 34


def test_page_queries_do_not_grow(client, world, django_assert_num_queries):
    cast = world.cast
    today = timezone.localdate()
    for i in range(10):
        make_tip(world.second, today - datetime.timedelta(days=40 + i))
        make_establishment(world.second, f"Cơ sở thêm {i}", [today], cast.province_agency)
    client.force_login(cast.inside["coordinator"])
    with django_assert_num_queries(QUERIES["map"]):
        client.get(reverse("monitoring:map") + "?measure=tips_overdue")
    with django_assert_num_queries(QUERIES["trend"]):
        client.get(reverse("monitoring:trend", args=["tips_received"]))
    client.force_login(cast.inside["viewer"])
    with django_assert_num_queries(QUERIES["reports"]):
        client.get(reverse("monitoring:reports", args=["late"]))


QUERIES = {"reports": 7, "trend": 17, "map": 10}


def test_the_tile_map_knows_every_current_province(db):
    from lanhmanh.monitoring.queries import current_provinces
    from lanhmanh.monitoring.tilemap import TILES

    assert set(TILES) == set(current_provinces().values_list("code", flat=True))


def test_target_trend_and_units_compared(client, world):
    from django.utils import translation

    from lanhmanh.indicators.models import Indicator
    from lanhmanh.reporting.labels import period_name
    from lanhmanh.reporting.models import ReportStatus, ReportValue

    held = Indicator.objects.create(
        code="mon_test_held", name_vi="Số hội nghị", name_en="Conferences", kind="count"
    )
    target = world.plan.targets.get()
    target.indicator_code = held.code
    target.value = 10
    target.save()
    for report, value in zip(world.period.reports.order_by("pk"), (6, 3), strict=True):
        report.status = ReportStatus.APPROVED
        report.save()
        ReportValue.objects.create(report=report, indicator=held, value=value)
    client.force_login(world.cast.inside["viewer"])
    response = client.get(reverse("monitoring:target", args=[target.pk]))
    rows = response.context["table"].rows
    with translation.override("vi"):  # the page's language: the period in words
        assert [row[0] for row in rows] == [period_name(world.period.key)]
    assert rows[0][3] == 9  # the province's roll-up: 6 + 3
    assert rows[0][5] == "2/2"  # both units reported
    units = response.context["units"]["table"].rows
    assert [(row[1], row[2]) for row in units] == [
        (world.cast.province_agency.name, 6),
        (world.cast.commune_agency.name, 3),
    ]
    url = reverse("monitoring:target", args=[target.pk])
    rows = csv_rows(client.get(url + "?table=units&format=csv"))
    assert rows[1][1] == world.cast.province_agency.name

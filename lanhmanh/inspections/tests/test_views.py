import datetime

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from lanhmanh.agencies.models import AgencyKind
from lanhmanh.agencies.roles import Role
from lanhmanh.inspections.models import Establishment, Inspection, LegalBasis
from lanhmanh.places.models import Level
from lanhmanh.testing import make_agency, unit

from .test_import import GOOD, xlsx

pytestmark = pytest.mark.django_db


@pytest.fixture
def venue(cast):
    return Establishment.objects.create(
        kind="karaoke", name="Karaoke Ánh Dương", commune=unit("16690", Level.COMMUNE)
    )


@pytest.fixture
def team(cast):
    return make_agency(cast.province, AgencyKind.INSPECTION_TEAM, name="Đội 178 tỉnh")


def test_inspector_records_an_inspection_with_a_fine(client, cast, venue, team):
    inspector = cast.inside[Role.INSPECTOR]
    client.force_login(inspector)
    before = client.get(reverse("inspections:list")).context["coverage"]
    assert before == 0
    buying = LegalBasis.objects.get(decree="282/2025/NĐ-CP", behaviour="Mua dâm")
    data = {
        "team": team.pk,
        "inspected_on": "02/03/2026",
        "kind": "surprise",
        "findings": "Phát hiện hành vi mua dâm.",
        "legal_basis": buying.pk,
        "proposed": "fine",
        "fine_amount": "5000000",
    }
    refused = client.post(reverse("inspections:detail", args=[venue.pk]), data)
    assert refused.status_code == 400
    assert "2.000.000" in str(refused.context["form"].non_field_errors())
    assert not Inspection.objects.exists()
    data["fine_amount"] = "1500000"
    done = client.post(reverse("inspections:detail", args=[venue.pk]), data)
    assert done.status_code == 302
    inspection = Inspection.objects.get()
    assert inspection.inspected_on == datetime.date(2026, 3, 2)
    assert inspection.violations.get().fine_amount == 1_500_000
    assert client.get(reverse("inspections:list")).context["coverage"] == 100


def test_access(client, cast, venue):
    client.force_login(cast.outside[Role.INSPECTOR])
    assert client.get(reverse("inspections:detail", args=[venue.pk])).status_code == 404
    client.force_login(cast.inside[Role.REPORTER])
    assert client.get(reverse("inspections:list")).status_code == 403
    client.force_login(cast.inside[Role.COORDINATOR])
    assert client.get(reverse("inspections:detail", args=[venue.pk])).status_code == 200
    assert client.post(reverse("inspections:detail", args=[venue.pk]), {}).status_code == 403


def test_search_without_diacritics(client, cast, venue):
    client.force_login(cast.inside[Role.POLICE])
    page = client.get(reverse("inspections:list"), {"q": "anh duong"})
    assert [e.name for e in page.context["page"]] == ["Karaoke Ánh Dương"]


def test_import_from_the_page(client, cast):
    client.force_login(cast.inside[Role.INSPECTOR])
    bad = [*GOOD, ["Sòng bạc", "X", "", "Trường Vinh", "", "", "", ""]]
    response = client.post(
        reverse("inspections:import"),
        {"file": SimpleUploadedFile("a.xlsx", xlsx(bad))},
        follow=True,
    )
    assert "5" in "".join(str(m) for m in response.context["messages"])
    assert not Establishment.objects.exists()
    client.post(reverse("inspections:import"), {"file": SimpleUploadedFile("a.xlsx", xlsx(GOOD))})
    assert Establishment.objects.count() == 3


def test_list_query_count(client, cast, venue, django_assert_max_num_queries):
    for i in range(20):
        Establishment.objects.create(kind="bar", name=f"Bar {i}", commune=venue.commune)
    client.force_login(cast.inside[Role.POLICE])
    client.get(reverse("inspections:list"))
    with django_assert_max_num_queries(14):
        response = client.get(reverse("inspections:list"))
    assert response.context["page"].paginator.count == 21


def test_demo_establishments_and_inspections(cast):
    from lanhmanh.inspections.demo import load_demo_inspections
    from lanhmanh.inspections.indicators import coverage

    make_agency(cast.province, AgencyKind.INSPECTION_TEAM, name="Đội 178")
    assert load_demo_inspections(count=60) == 60
    assert load_demo_inspections(count=60) == 0
    assert Inspection.objects.filter(follow_up_of__isnull=True).count() == 20
    share = coverage({cast.province.pk}, datetime.date(2026, 1, 1), datetime.date(2026, 12, 31))
    assert 0 < share < 100


def test_suggestions_rank_risk_then_time_since_last_inspection(client, cast, team):
    commune = unit("16690", Level.COMMUNE)
    make = Establishment.objects.create
    recent_high = make(kind="bar", name="Recent high", commune=commune, risk=3)
    never_high = make(kind="bar", name="Never high", commune=commune, risk=3)
    old_high = make(kind="bar", name="Old high", commune=commune, risk=3)
    make(kind="bar", name="Never low", commune=commune, risk=1)
    make(kind="bar", name="Closed high", commune=commune, risk=3, status="closed")
    from lanhmanh.inspections.actions import record_inspection

    for venue, day in (
        (recent_high, datetime.date(2026, 9, 1)),
        (old_high, datetime.date(2025, 1, 5)),
    ):
        record_inspection(None, establishment=venue, team=team, inspected_on=day, kind="periodic")
    client.force_login(cast.inside[Role.INSPECTOR])
    names = [e.name for e in client.get(reverse("inspections:list")).context["suggested"]]
    assert names == ["Never high", "Old high", "Recent high", "Never low"]
    assert never_high.name in names
    # Taken one risk level at a time: the same as the whole ranking cut at any length.
    from lanhmanh.inspections.queries import ranked_for_inspection, suggested_for_inspection

    everything = Establishment.objects.all()
    for limit in (1, 3, 4, 10):
        ranked = list(ranked_for_inspection(everything)[:limit])
        assert suggested_for_inspection(everything, None, limit) == ranked, limit
    client.force_login(cast.inside[Role.COORDINATOR])
    assert not client.get(reverse("inspections:list")).context["suggested"]


def test_one_risk_level_is_read_in_ranking_order_from_an_index(cast):
    """On PostgreSQL a level of the ranking is read from ``establishment_to_inspect`` in
    its order, no sort (which is what keeps a national province's suggestions fast); SQLite
    cannot hold that index (NULLS FIRST) and has none."""
    from django.db import connection, transaction

    from lanhmanh.inspections.queries import ranked_for_inspection

    level = ranked_for_inspection(Establishment.objects.filter(risk=3))[:10]
    with connection.cursor() as cursor:
        indexes = connection.introspection.get_constraints(cursor, "inspections_establishment")
    if connection.vendor != "postgresql":
        assert "establishment_to_inspect" not in indexes
        return
    assert indexes["establishment_to_inspect"]["index"]
    with transaction.atomic(), connection.cursor() as cursor:
        # Forbid what the planner might prefer on a table this small.
        cursor.execute("SET LOCAL enable_sort = off; SET LOCAL enable_seqscan = off")
        plan = level.explain()
    assert "establishment_to_inspect" in plan and "Sort" not in plan, plan


def test_export_follows_the_filters_and_the_area(client, cast, venue):
    import io

    from openpyxl import load_workbook

    from lanhmanh.inspections.actions import record_inspection

    Establishment.objects.create(kind="hotel", name="=HYPERLINK(1)", commune=venue.commune)
    Establishment.objects.create(kind="hotel", name="Khách sạn ngoài tỉnh", commune=unit("42"))
    team = make_agency(cast.province, AgencyKind.INSPECTION_TEAM, name="Đội 178 xuất")
    for day in (datetime.date(2026, 2, 3), datetime.date(2026, 3, 4)):
        record_inspection(None, establishment=venue, team=team, inspected_on=day, kind="periodic")
    client.force_login(cast.inside[Role.POLICE])
    csv = client.get(reverse("inspections:export", args=["csv"]), {"kind": "karaoke"})
    text = csv.content.decode("utf-8-sig")
    assert "Karaoke Ánh Dương" in text and "HYPERLINK" not in text
    book = load_workbook(
        io.BytesIO(client.get(reverse("inspections:export", args=["xlsx"])).content)
    )
    names = [row[0].value for row in book.active.iter_rows(min_row=2)]
    assert sorted(names) == ["'=HYPERLINK(1)", "Karaoke Ánh Dương"]
    last = {row[0].value: row[-1].value for row in book.active.iter_rows(min_row=2)}
    assert last["'=HYPERLINK(1)"] in (None, "")  # never inspected
    assert str(last["Karaoke Ánh Dương"])[:10] in ("2026-03-04", "04/03/2026")
    assert client.get(reverse("inspections:export", args=["pdf"])).status_code == 404
    client.force_login(cast.inside[Role.REPORTER])
    assert client.get(reverse("inspections:export", args=["csv"])).status_code == 403

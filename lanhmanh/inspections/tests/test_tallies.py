"""The monthly tallies (``InspectionTally``) always equal a count of the register: after
recording, correcting (another month, another year) and moving an establishment to
another commune; and the indicators read from them give the register's own counts for
every kind of period, falling back to the register when the tallies cannot tell."""

import datetime
import io
from collections import Counter

import pytest
from django.db.models import F

from lanhmanh.inspections import indicators, tallies
from lanhmanh.inspections.actions import (
    ViolationInput,
    record_inspection,
    update_establishment,
    update_inspection,
)
from lanhmanh.inspections.models import (
    Establishment,
    Inspection,
    InspectionTally,
    LegalBasis,
    Violation,
)
from lanhmanh.places.models import AdministrativeUnit, Level
from lanhmanh.testing import make_agency, unit

pytestmark = pytest.mark.django_db
D = datetime.date


@pytest.fixture
def place():
    province, commune = unit("40"), unit("16690", Level.COMMUNE)
    other = (
        AdministrativeUnit.objects.filter(level=Level.COMMUNE, province=province)
        .exclude(pk=commune.pk)
        .order_by("code")
        .first()
    )
    team = make_agency(province, "inspection_team", name="Đội kiểm tra liên ngành 178 tỉnh")
    return province, commune, other, team


def venue(commune, name, **fields):
    return Establishment.objects.create(kind="karaoke", name=name, commune=commune, **fields)


def inspect(place, establishment, day, violations=0):
    selling = LegalBasis.objects.get(decree="282/2025/NĐ-CP", behaviour="Bán dâm")
    return record_inspection(
        None,
        establishment=establishment,
        team=place[3],
        inspected_on=day,
        kind="surprise",
        violations=[ViolationInput(selling, "warning")] * violations,
    )


def counted_from_the_register() -> dict:
    """(commune, month) → (inspections, violations, establishments, first_of_year),
    counted in Python from the records, with no SQL grouping."""
    inspections = list(Inspection.objects.select_related("establishment"))
    rows: dict = {}
    for commune_month in {
        (i.establishment.commune_id, i.inspected_on.replace(day=1)) for i in inspections
    }:
        same = [
            i
            for i in inspections
            if (i.establishment.commune_id, i.inspected_on.replace(day=1)) == commune_month
        ]
        rows[commune_month] = [
            len(same),
            Violation.objects.filter(inspection__in=same).count(),
            len({i.establishment_id for i in same}),
            0,
        ]
    firsts: dict = {}
    for i in inspections:
        key = (i.establishment_id, i.inspected_on.year)
        firsts[key] = min(firsts.get(key, i), i, key=lambda x: x.inspected_on)
    for first in firsts.values():
        rows[(first.establishment.commune_id, first.inspected_on.replace(day=1))][3] += 1
    return {key: tuple(value) for key, value in rows.items()}


def last_dates_agree() -> bool:
    """Every establishment's stored last inspection date is its latest inspection's."""
    latest: dict = {}
    for establishment, day in Inspection.objects.values_list("establishment", "inspected_on"):
        latest[establishment] = max(day, latest.get(establishment, day))
    stored = dict(Establishment.objects.values_list("pk", "last_inspected_on"))
    return stored == {pk: latest.get(pk) for pk in stored}


def communes_agree() -> bool:
    """Every inspection's copy of the commune is its establishment's."""
    return not Inspection.objects.exclude(commune_id=F("establishment__commune_id")).exists()


def tallied() -> dict:
    return {
        (t.commune_id, t.month): (t.inspections, t.violations, t.establishments, t.first_of_year)
        for t in InspectionTally.objects.all()
    }


@pytest.fixture
def register(place):
    _province, commune, other, _team = place
    a, b, c = venue(commune, "A"), venue(commune, "B"), venue(other, "C")
    inspect(place, a, D(2025, 11, 20))
    inspect(place, a, D(2026, 1, 5), violations=2)
    inspect(place, a, D(2026, 1, 25))
    inspect(place, a, D(2026, 3, 2), violations=1)
    inspect(place, b, D(2026, 3, 15))
    inspect(place, c, D(2026, 3, 31), violations=1)
    return a, b, c


def test_recording_keeps_the_tallies_equal_to_the_register(place, register):
    expected = counted_from_the_register()
    commune = place[1].pk
    # Spot-check the Python count itself: A twice in January, once first of the year.
    assert expected[(commune, D(2026, 1, 1))] == (2, 2, 1, 1)
    assert expected[(commune, D(2026, 3, 1))] == (2, 1, 2, 1)  # B first, A not
    assert tallied() == expected
    assert last_dates_agree()
    assert Establishment.objects.get(name="A").last_inspected_on == D(2026, 3, 2)
    assert communes_agree()
    assert Inspection.objects.filter(commune=place[2]).count() == 1  # C's


def test_a_correction_to_another_month_and_year_moves_the_count(place, register):
    a = register[0]
    january = Inspection.objects.get(establishment=a, inspected_on=D(2026, 1, 5))
    update_inspection(None, january, inspected_on=D(2026, 2, 10))
    assert tallied() == counted_from_the_register()
    november = Inspection.objects.get(establishment=a, inspected_on=D(2025, 11, 20))
    update_inspection(None, november, inspected_on=D(2026, 1, 2))
    assert tallied() == counted_from_the_register()
    march = Inspection.objects.get(establishment=a, inspected_on=D(2026, 3, 2))
    update_inspection(None, march, inspected_on=D(2026, 2, 20))  # its latest, made earlier
    assert Establishment.objects.get(pk=a.pk).last_inspected_on == D(2026, 2, 20)
    assert last_dates_agree()
    # The 2025 month is gone rather than left at zero.
    assert not InspectionTally.objects.filter(month__year=2025).exists()


def test_moving_an_establishment_to_another_commune_moves_its_inspections(place, register):
    other = place[2]
    update_establishment(None, register[0], commune=other)
    assert tallied() == counted_from_the_register()
    assert InspectionTally.objects.get(commune=other, month=D(2026, 1, 1)).inspections == 2
    assert communes_agree()
    assert Inspection.objects.filter(commune=other).count() == 5  # A's four and C's


def test_an_import_that_moves_an_establishment_moves_its_inspections(place, register):
    from lanhmanh.inspections.importing import import_establishments

    province, _commune, other, _team = place
    b = register[1]
    Establishment.objects.filter(pk=b.pk).update(registration_number="0101234567")
    moved = "\n".join(
        [
            "Tên cơ sở,Loại hình,Địa chỉ,Xã/phường,Số đăng ký kinh doanh",
            f"B,karaoke,Số 2,{other.name},0101234567",
        ]
    )
    report = import_establishments("moved.csv", moved.encode(), province)
    assert report.merged == 1
    assert Establishment.objects.get(pk=b.pk).commune == other
    assert communes_agree()
    assert tallied() == counted_from_the_register()


def test_the_rebuild_command_puts_back_a_copy_that_differs(place, register):
    from django.core.management import call_command

    a, commune, other = register[0], place[1], place[2]
    Inspection.objects.filter(establishment=a).update(commune=other)  # as a bad bulk load
    assert not communes_agree()
    call_command("rebuild_tallies", stdout=io.StringIO())
    assert communes_agree()
    assert Inspection.objects.filter(establishment=a, commune=commune).count() == 4


def test_rebuild_gives_the_same_rows_as_the_actions(place, register):
    kept = tallied()
    assert tallies.rebuild() == len(kept)
    assert tallied() == kept
    Establishment.objects.update(last_inspected_on=None)  # as after a bulk load
    tallies.refresh_last_inspected()
    assert last_dates_agree()
    # The migration rebuilds with its historical models; the same code path.
    InspectionTally.objects.all().delete()
    tallies.rebuild((Inspection, Violation, InspectionTally))
    assert tallied() == kept


PERIODS = [
    (D(2026, 1, 1), D(2026, 1, 31)),  # one month: tallies
    (D(2026, 1, 1), D(2026, 3, 31)),  # from 1 January: tallies
    (D(2026, 3, 1), D(2026, 3, 20)),  # ends mid-month with a later inspection: register
    (D(2026, 1, 1), D(2026, 2, 14)),  # ends mid-month, nothing later that month: tallies
    (D(2026, 1, 10), D(2026, 3, 31)),  # starts mid-month: register
    (D(2025, 11, 1), D(2026, 3, 31)),  # across a year: register for the distinct count
    (D(2026, 2, 1), D(2026, 3, 31)),  # two months not from January: register for distinct
]


def raw(area, start, end):
    inside = Inspection.objects.filter(
        establishment__commune__province__in=area, inspected_on__range=(start, end)
    )
    active = indicators.active_establishments(area, start, end)
    return (
        inside.count(),
        Violation.objects.filter(inspection__in=inside).count(),
        active.filter(pk__in=inside.values("establishment")).count(),
    )


@pytest.mark.parametrize(("start", "end"), PERIODS)
def test_indicators_equal_the_register_for_every_period(place, register, start, end):
    # An establishment inspected while closed is not counted as inspected-and-active.
    closed = venue(place[1], "Closed", closed_on=D(2025, 12, 31), status="closed")
    inspect(place, closed, D(2026, 1, 12))
    area = {place[0].pk}
    got = (
        indicators.inspections_held(area, start, end),
        indicators.violations_found(area, start, end),
        indicators.inspected(area, start, end),
    )
    assert got == raw(area, start, end)
    assert got[0] > 0


def test_rows_for_answers_only_what_the_months_can_tell(register):
    assert tallies.rows_for(D(2026, 3, 1), D(2026, 3, 31)) is not None
    assert tallies.rows_for(D(2026, 3, 2), D(2026, 3, 31)) is None  # not the 1st
    assert tallies.rows_for(D(2026, 3, 1), D(2026, 3, 20)) is None  # later ones in March
    assert tallies.rows_for(D(2026, 2, 1), D(2026, 2, 14)) is not None  # none later in Feb
    assert tallies.rows_for(D(2026, 3, 31), D(2026, 3, 1)) is None
    assert tallies.establishments_column(D(2026, 3, 1), D(2026, 3, 31)) == "establishments"
    assert tallies.establishments_column(D(2026, 1, 1), D(2026, 9, 30)) == "first_of_year"
    assert tallies.establishments_column(D(2026, 2, 1), D(2026, 9, 30)) is None
    assert Counter(
        tallies.by_commune({unit("40").pk}, D(2026, 3, 1), D(2026, 3, 31), "inspections").values()
    ) == Counter([2, 1])

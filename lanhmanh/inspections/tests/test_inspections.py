import datetime

import pytest
from django.core.exceptions import ValidationError

from lanhmanh.inspections import indicators
from lanhmanh.inspections.actions import ViolationInput, record_inspection
from lanhmanh.inspections.models import Establishment, Inspection, LegalBasis
from lanhmanh.places.models import Level
from lanhmanh.testing import make_agency, unit

pytestmark = pytest.mark.django_db
D = datetime.date


@pytest.fixture
def place():
    province, commune = unit("40"), unit("16690", Level.COMMUNE)
    team = make_agency(province, "inspection_team", name="Đội kiểm tra liên ngành 178 tỉnh")
    return province, commune, team


def basis(decree, behaviour):
    return LegalBasis.objects.get(decree=decree, behaviour=behaviour)


def establishment(commune, name="Karaoke Hoa Sen", **fields):
    return Establishment.objects.create(kind="karaoke", name=name, commune=commune, **fields)


def test_seeded_decrees():
    assert set(LegalBasis.objects.values_list("decree", flat=True)) == {
        "167/2013/NĐ-CP",
        "144/2021/NĐ-CP",
        "282/2025/NĐ-CP",
    }
    selling = basis("282/2025/NĐ-CP", "Bán dâm")
    assert (selling.fine_min, selling.fine_max, selling.warning_allowed) == (300_000, 500_000, True)
    assert str(selling.valid_from) == "2025-12-15"


def test_fine_outside_the_range_in_force_is_refused(place):
    _province, commune, team = place
    venue = establishment(commune)
    buying = basis("282/2025/NĐ-CP", "Mua dâm")
    with pytest.raises(ValidationError) as excinfo:
        record_inspection(
            None,
            establishment=venue,
            team=team,
            inspected_on=D(2026, 3, 2),
            kind="surprise",
            violations=[ViolationInput(buying, "fine", 3_500_000)],
        )
    assert "1.000.000" in excinfo.value.messages[0] and "2.000.000" in excinfo.value.messages[0]
    assert not Inspection.objects.exists()
    ok = record_inspection(
        None,
        establishment=venue,
        team=team,
        inspected_on=D(2026, 3, 2),
        kind="surprise",
        violations=[ViolationInput(buying, "fine", 1_500_000)],
    )
    assert ok.violations.get().fine_amount == 1_500_000


def test_basis_must_be_in_force_on_the_day(place):
    _province, commune, team = place
    old = basis("144/2021/NĐ-CP", "Bán dâm")
    with pytest.raises(ValidationError):
        record_inspection(
            None,
            establishment=establishment(commune),
            team=team,
            inspected_on=D(2026, 1, 10),
            kind="periodic",
            violations=[ViolationInput(old, "warning")],
        )


def test_warning_only_where_the_decree_allows_it(place):
    _province, commune, team = place
    with pytest.raises(ValidationError):
        record_inspection(
            None,
            establishment=establishment(commune),
            team=team,
            inspected_on=D(2026, 1, 10),
            kind="periodic",
            violations=[ViolationInput(basis("282/2025/NĐ-CP", "Mua dâm"), "warning")],
        )


def test_no_future_inspection(place):
    _province, commune, team = place
    with pytest.raises(ValidationError):
        record_inspection(
            None,
            establishment=establishment(commune),
            team=team,
            inspected_on=datetime.date.today() + datetime.timedelta(days=3),
            kind="periodic",
        )


def test_coverage_counts_establishments_active_in_the_period(place):
    province, commune, team = place
    start, end = D(2026, 1, 1), D(2026, 6, 30)
    inspected = establishment(commune, "A", opened_on=D(2020, 1, 1))
    establishment(commune, "B")  # active all along, never inspected
    establishment(commune, "C", opened_on=D(2026, 5, 1))  # opened mid-period: counts
    closed_mid = establishment(commune, "D", closed_on=D(2026, 2, 1), status="closed")
    establishment(commune, "E", closed_on=D(2025, 12, 1), status="closed")  # gone before
    establishment(commune, "F", opened_on=D(2026, 8, 1))  # opened after the period
    record_inspection(
        None, establishment=inspected, team=team, inspected_on=D(2026, 3, 1), kind="periodic"
    )
    record_inspection(
        None, establishment=inspected, team=team, inspected_on=D(2026, 4, 1), kind="surprise"
    )
    record_inspection(
        None, establishment=closed_mid, team=team, inspected_on=D(2026, 1, 20), kind="periodic"
    )
    record_inspection(
        None, establishment=closed_mid, team=team, inspected_on=D(2025, 11, 20), kind="periodic"
    )
    area = {province.pk}
    assert indicators.active_establishments(area, start, end).count() == 4  # A, B, C, D
    assert indicators.inspected(area, start, end) == 2  # A (twice) and D
    assert indicators.coverage(area, start, end) == 50.0
    assert indicators.inspections_held(area, start, end) == 3
    assert indicators.coverage({unit("42").pk}, start, end) is None  # another province

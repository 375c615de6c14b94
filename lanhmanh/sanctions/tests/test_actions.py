import datetime

import pytest
from django.core.exceptions import ValidationError

from lanhmanh.agencies.roles import Role
from lanhmanh.audit.queries import history_of
from lanhmanh.inspections.models import Establishment
from lanhmanh.sanctions import actions, indicators, statistics
from lanhmanh.sanctions.models import Sanction

from .factories import BUYING_2026, basis, make_sanction, police_of

pytestmark = pytest.mark.django_db


@pytest.fixture
def police(cast):
    return police_of(cast.province)


def test_fine_must_lie_in_the_range_in_force_on_the_violation_day(cast, police):
    user = cast.inside[Role.POLICE]
    with pytest.raises(ValidationError) as refused:
        make_sanction(user, cast.commune, police, amount=600_000)
    assert "300.000" in str(refused.value) and "500.000" in str(refused.value)
    # Decree 282/2025 was not in force yet on 01/12/2025: its basis is refused that day.
    with pytest.raises(ValidationError) as too_early:
        make_sanction(
            user,
            cast.commune,
            police,
            violated_on=datetime.date(2025, 12, 1),
            decided_on=datetime.date(2025, 12, 3),
        )
    assert "01/12/2025" in str(too_early.value)
    with pytest.raises(ValidationError):
        make_sanction(user, cast.commune, police, legal_basis=basis(**BUYING_2026), form="warning")
    assert not Sanction.objects.exists()
    made = make_sanction(user, cast.commune, police, amount=500_000)
    assert made.amount == 500_000


@pytest.mark.parametrize(
    "identity, field",
    [
        ({"full_name": ""}, "full_name"),
        ({"full_name": "12345"}, "full_name"),
        ({"id_number": "12345"}, "id_number"),
        ({"id_number": "NA-7K3QX9"}, "id_number"),
        ({"birth_date": "2999-01-01"}, "birth_date"),
    ],
)
def test_an_individual_needs_a_name_and_a_well_formed_identity(cast, police, identity, field):
    with pytest.raises(ValidationError) as refused:
        make_sanction(cast.inside[Role.POLICE], cast.commune, police, **identity)
    assert field in refused.value.message_dict
    assert not Sanction.objects.exists()


def test_a_person_code_is_refused(cast, police):
    with pytest.raises(ValidationError) as refused:
        make_sanction(cast.inside[Role.POLICE], cast.commune, police, person_code="NA-7K3QX9")
    assert "person_code" in refused.value.message_dict


def test_dates_and_decision_numbers(cast, police):
    user = cast.inside[Role.POLICE]
    make_sanction(user, cast.commune, police, decision_number="12/QĐ-XPHC")
    with pytest.raises(ValidationError) as duplicate:
        make_sanction(user, cast.commune, police, decision_number="12/QĐ-XPHC")
    assert "decision_number" in duplicate.value.message_dict
    with pytest.raises(ValidationError) as backwards:
        make_sanction(user, cast.commune, police, violated_on=datetime.date(2026, 3, 9))
    assert "violated_on" in backwards.value.message_dict
    with pytest.raises(ValidationError) as unpaid_warning:
        make_sanction(user, cast.commune, police, form="warning", paid_on=datetime.date(2026, 3, 6))
    assert "paid_on" in unpaid_warning.value.message_dict


def test_edits_are_kept_and_a_stale_edit_is_refused(cast, police):
    user = cast.inside[Role.POLICE]
    sanction = make_sanction(user, cast.commune, police)
    opened = sanction.version
    actions.record_payment(user, sanction, datetime.date(2026, 3, 20))
    with pytest.raises(actions.StaleSanction):
        actions.update_sanction(user, sanction, version=opened, note="late edit")
    sanction.refresh_from_db()
    assert sanction.paid_on == datetime.date(2026, 3, 20) and sanction.note == ""
    changes = list(history_of(sanction))
    assert [c.action for c in changes] == ["updated", "created"]
    assert changes[0].fields == {"paid_on": [None, "2026-03-20"]}


def test_an_establishment_sanction_takes_its_commune(cast, police):
    venue = Establishment.objects.create(
        kind="massage", name="Massage Hoa Sen", commune=cast.commune
    )
    sanction = make_sanction(
        cast.inside[Role.INSPECTOR],
        None,
        police,
        subject="establishment",
        establishment=venue,
        full_name="Bỏ qua",
        behaviour="harbouring",
    )
    assert sanction.commune == cast.commune and sanction.full_name_enc == ""


def test_statistics_and_indicators_count_the_same_records(cast, police):
    user = cast.inside[Role.POLICE]
    make_sanction(user, cast.commune, police, amount=300_000)
    make_sanction(
        user,
        cast.commune,
        police,
        form="warning",
        decided_on=datetime.date(2026, 2, 1),
        violated_on=datetime.date(2026, 2, 1),
    )
    make_sanction(
        user,
        cast.commune,
        police,
        behaviour="buying",
        legal_basis=basis(**BUYING_2026),
        amount=2_000_000,
        decided_on=datetime.date(2026, 3, 30),
    )
    make_sanction(  # outside the quarter
        user, cast.commune, police, decided_on=datetime.date(2026, 4, 2)
    )
    start, end = datetime.date(2026, 1, 1), datetime.date(2026, 3, 31)
    rows, total = statistics.by_commune(Sanction.objects.all(), start, end)
    assert [row.label for row in rows] == [cast.commune.name]
    assert total.by_behaviour["selling"] == 2 and total.by_behaviour["buying"] == 1
    assert (total.total, total.warnings, total.fines, total.amount) == (3, 1, 2, 2_300_000)
    months = statistics.by_month(Sanction.objects.all(), start, end)
    assert [(key, row.total) for key, row in months] == [
        ("2026-01", 0),
        ("2026-02", 1),
        ("2026-03", 2),
    ]
    area = {cast.province.pk}
    assert indicators.imposed(area, start, end) == 3
    assert indicators.fines_amount(area, start, end) == 2_300_000
    assert indicators.selling(area, start, end) == 2
    assert indicators.buying(area, start, end) == 1
    assert indicators.imposed({cast.other_province.pk}, start, end) == 0

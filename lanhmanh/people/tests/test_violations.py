"""Rule 4: a violation is spent 6 months after a warning, 1 year after another sanction,
when no new violation came in between; spent violations stop counting by themselves."""

import datetime
from dataclasses import dataclass

import pytest
from django.core.exceptions import PermissionDenied

from lanhmanh.audit.models import AccessLog
from lanhmanh.people import identity, violations
from lanhmanh.people.testing import make_case
from lanhmanh.people.violations import Violation, live, spent_dates

D = datetime.date


def test_warning_is_spent_after_six_months():
    warning = Violation("warning", D(2025, 1, 31))
    assert spent_dates([warning]) == [D(2025, 7, 31)]
    assert live([warning], today=D(2025, 7, 30)) == [warning]
    assert live([warning], today=D(2025, 7, 31)) == []


def test_other_sanction_is_spent_after_a_year():
    fine = Violation("fine", D(2024, 2, 29))
    assert spent_dates([fine]) == [D(2025, 2, 28)]
    assert live([fine], today=D(2025, 2, 27)) == [fine]
    assert live([fine], today=D(2025, 3, 1)) == []


def test_a_new_violation_in_between_keeps_the_old_one_counting():
    first = Violation("warning", D(2025, 1, 10))
    second = Violation("fine", D(2025, 5, 1))  # before the warning was spent (10/7)
    assert spent_dates([second, first]) == [D(2026, 5, 1), D(2026, 5, 1)]
    assert len(live([first, second], today=D(2025, 12, 1))) == 2
    assert live([first, second], today=D(2026, 5, 1)) == []


def test_a_violation_after_the_spent_date_does_not_revive_the_old_one():
    first = Violation("warning", D(2024, 1, 10))
    later = Violation("warning", D(2024, 9, 1))
    assert spent_dates([first, later]) == [D(2024, 7, 10), D(2025, 3, 1)]
    assert live([first, later], today=D(2024, 10, 1)) == [later]


def test_chains_carry_through():
    a = Violation("warning", D(2024, 1, 1))
    b = Violation("warning", D(2024, 6, 1))
    c = Violation("fine", D(2024, 11, 1))
    assert spent_dates([a, b, c]) == [D(2025, 11, 1)] * 3


# --- the adapter, with a stand-in for the sanctions register -----------------------------


@dataclass
class Row:
    pk: int
    person_code: str
    form: str
    decided_on: datetime.date
    behaviour: str
    issuing_agency_id: int


class StandInQuery:
    def __init__(self, rows):
        self.rows = list(rows)

    def filter(self, **lookups):
        rows = self.rows
        for key, value in lookups.items():
            name, _sep, op = key.partition("__")
            wanted = set(value) if op == "in" else {value}
            rows = [r for r in rows if getattr(r, name) in wanted]
        return StandInQuery(rows)

    def exclude(self, **lookups):
        ((key, value),) = lookups.items()
        return StandInQuery([r for r in self.rows if getattr(r, key) != value])

    def values_list(self, *names, flat=False):
        if flat:
            return [getattr(r, names[0]) for r in self.rows]
        return [tuple(getattr(r, n) for n in names) for r in self.rows]


class StandInSanction:
    rows: list = []

    class objects:
        @staticmethod
        def filter(**lookups):
            return StandInQuery(StandInSanction.rows).filter(**lookups)


@pytest.fixture
def sanctions(monkeypatch):
    """A stand-in for lanhmanh.sanctions (not installed on this branch): the adapter's
    reads, person_code / form / decided_on / behaviour / issuing_agency_id."""
    StandInSanction.rows = []
    monkeypatch.setattr(violations, "sanction_model", lambda: StandInSanction)
    return StandInSanction.rows


@pytest.fixture
def case(cast):
    return make_case(cast)


def test_live_counts_drop_spent_violations(sanctions, case, cast):
    code = case.person.code
    today = datetime.date.today()
    sanctions += [
        Row(1, code, "fine", today - datetime.timedelta(days=500), "selling_sex", 1),
        Row(2, code, "warning", today - datetime.timedelta(days=30), "selling_sex", 1),
        Row(3, "NA-OTHER", "fine", today, "selling_sex", 1),
    ]
    assert violations.live_counts([code]) == {code: 1}
    sanctions[1] = Row(2, code, "warning", today - datetime.timedelta(days=200), "x", 1)
    assert violations.live_counts([code]) == {code: 0}


def test_a_sanction_is_no_key_to_the_identity(sanctions, case, cast, client):
    """Issue 19, finding 1: the police who sanctioned a person's code read nothing of the
    support register (before, they read the full identity)."""
    police = cast.inside["police"]
    today = datetime.date.today()
    sanctions.append(
        Row(1, case.person.code, "fine", today, "selling_sex", cast.province_agency.pk)
    )
    assert violations.live_counts([case.person.code]) == {case.person.code: 1}
    with pytest.raises(PermissionDenied):
        identity.read_identity(police, case.person)
    assert not AccessLog.objects.exists()
    client.force_login(police)
    assert client.get(f"/people/persons/{case.person.pk}/").status_code == 404


def test_spent_violation_is_hidden_from_police_and_shown_to_the_team(sanctions, case, cast, client):
    old = datetime.date.today() - datetime.timedelta(days=400)
    sanctions.append(Row(1, case.person.code, "fine", old, "selling_sex", cast.province_agency.pk))
    with pytest.raises(PermissionDenied):
        identity.read_identity(cast.inside["police"], case.person)
    client.force_login(cast.in_commune["case_worker"])
    page = client.get(f"/people/cases/{case.pk}/")
    assert page.context["live_violations"] == 0
    assert [row["spent"] for row in page.context["history"]] == [True]
    client.force_login(cast.inside["coordinator"])
    page = client.get(f"/people/cases/{case.pk}/")
    assert page.context["history"] == []


# --- the adapter against the real register (lanhmanh.sanctions) -------------------------


def test_adapter_reads_the_sanctions_register(case, cast):
    from lanhmanh.sanctions.tests.factories import make_sanction

    police = cast.inside["police"]
    today = datetime.date.today()
    code = case.person.code
    with pytest.raises(PermissionDenied):
        identity.read_identity(police, case.person)
    old = today - datetime.timedelta(days=200)  # a warning: spent after 6 months
    make_sanction(
        police,
        cast.commune,
        cast.province_agency,
        person_code=code,
        form="warning",
        violated_on=old,
        decided_on=old,
    )
    assert violations.live_counts([code]) == {code: 0}  # spent: no longer counts
    with pytest.raises(PermissionDenied):  # and hidden from the police
        identity.read_identity(police, case.person)
    recent = today - datetime.timedelta(days=10)
    make_sanction(
        police,
        cast.commune,
        cast.province_agency,
        person_code=code,
        form="fine",
        violated_on=recent,
        decided_on=recent,
    )
    assert violations.live_counts([code]) == {code: 1}
    with pytest.raises(PermissionDenied):  # a live sanction is no key either (issue 19)
        identity.read_identity(police, case.person)
    with pytest.raises(PermissionDenied):
        identity.read_identity(cast.outside["police"], case.person)

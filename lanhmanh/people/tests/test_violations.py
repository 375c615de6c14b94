"""Rule 4: a violation is spent 6 months after a warning, 1 year after another sanction,
when no new violation came in between; spent violations stop counting by themselves."""

import datetime

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


# --- the adapter: the sanctions register, through accepted referrals ---------------------


@pytest.fixture
def case(cast):
    worker = cast.in_commune["case_worker"]
    case = make_case(cast, worker)
    case.members.add(worker)
    return case


@pytest.fixture
def police(cast):
    from lanhmanh.agencies.models import AgencyKind
    from lanhmanh.testing import make_agency, make_user

    agency = make_agency(cast.province, AgencyKind.POLICE, name="Công an tỉnh thử nghiệm")
    return make_user("police", agency), agency


def _sanction(police, cast, days_ago, form="fine", refer_to=None, accept_into=None):
    from django.db.models import Q

    from lanhmanh.inspections.models import LegalBasis
    from lanhmanh.sanctions import actions
    from lanhmanh.sanctions.models import Sanction
    from lanhmanh.sanctions.tests.factories import make_sanction

    officer, agency = police
    day = datetime.date.today() - datetime.timedelta(days=days_ago)
    in_force = LegalBasis.objects.filter(
        Q(valid_to__isnull=True) | Q(valid_to__gte=day), behaviour="Bán dâm", valid_from__lte=day
    ).get()
    sanction = make_sanction(
        officer,
        cast.commune,
        agency,
        legal_basis=in_force,
        form=form,
        amount=300_000 if form == "fine" else None,
        violated_on=day,
        decided_on=day,
    )
    if accept_into is not None:
        # Referred while it counted; the dates are set back afterwards ("time passed").
        recent = datetime.date.today()
        Sanction.objects.filter(pk=sanction.pk).update(
            first_decided_on=recent, decided_on=recent, violated_on=recent
        )
        sanction.refresh_from_db()
        referral = actions.refer(officer, sanction, cast.commune_agency)
        actions.answer_referral(cast.in_commune["case_worker"], referral, True, case=accept_into)
        Sanction.objects.filter(pk=sanction.pk).update(
            first_decided_on=day, decided_on=day, violated_on=day
        )
    return sanction


def test_only_accepted_referrals_count_and_spent_ones_drop(police, case, cast):
    code = case.person.code
    _sanction(police, cast, 500, accept_into=case)  # spent: a fine, more than a year ago
    _sanction(police, cast, 30, form="warning", accept_into=case)
    _sanction(police, cast, 5)  # never referred: not this person's history
    assert violations.live_counts([code]) == {code: 1}
    assert sorted(v.form for v in violations.sanctions_for([code])[code]) == ["fine", "warning"]
    later = datetime.date.today() + datetime.timedelta(days=160)
    assert violations.live_counts([code], today=later) == {code: 0}


def test_a_sanction_gives_the_police_no_access_to_the_person(police, case, cast, client):
    officer, _agency = police
    _sanction(police, cast, 10, accept_into=case)
    assert violations.live_counts([case.person.code]) == {case.person.code: 1}
    assert violations.sanctioned_by_user(officer) == set()
    with pytest.raises(PermissionDenied):
        identity.read_identity(officer, case.person)
    assert not AccessLog.objects.filter(actor=officer).exists()
    client.force_login(officer)
    assert client.get(f"/people/persons/{case.person.pk}/").status_code == 404
    assert client.get(f"/people/cases/{case.pk}/").status_code in (403, 404)


def test_spent_violation_is_shown_to_the_team_only(police, case, cast, client):
    _sanction(police, cast, 400, accept_into=case)
    client.force_login(cast.in_commune["case_worker"])
    page = client.get(f"/people/cases/{case.pk}/")
    assert page.context["live_violations"] == 0
    assert [row["spent"] for row in page.context["history"]] == [True]
    client.force_login(cast.inside["coordinator"])
    page = client.get(f"/people/cases/{case.pk}/")
    assert page.context["history"] == []

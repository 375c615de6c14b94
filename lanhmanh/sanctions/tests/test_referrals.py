"""A sanctioned person reaches a support case only as a referral the case team accepts;
the police never reach the case, and buyers and brokers are never people supported."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from lanhmanh.audit.models import AccessLog
from lanhmanh.people import identity as people_identity
from lanhmanh.people import violations
from lanhmanh.people.testing import make_case
from lanhmanh.sanctions import actions
from lanhmanh.sanctions.models import Referral

from .factories import BUYING_2026, basis, make_sanction

pytestmark = pytest.mark.django_db
TODAY = datetime.date.today()


@pytest.fixture
def worker(cast):
    return cast.in_commune["case_worker"]


@pytest.fixture
def case(cast, worker):
    case = make_case(cast, worker)
    case.members.add(worker)
    return case


@pytest.fixture
def decision(officer, cast, police_agency):
    day = TODAY - datetime.timedelta(days=20)
    return make_sanction(
        officer,
        cast.commune,
        police_agency,
        violated_on=day,
        decided_on=day,
        full_name="Đinh Thị Chuyển",
        id_number="040196005555",
    )


def test_police_refer_and_the_case_team_accepts_into_a_case_of_theirs(
    client, cast, officer, worker, case, decision
):
    code = case.person.code
    client.force_login(officer)
    page = client.get(reverse("sanctions:detail", args=[decision.pk]))
    agencies = list(page.context["refer_form"].fields["to_agency"].queryset)
    assert cast.commune_agency in agencies and cast.other_agency not in agencies
    sent = client.post(
        reverse("sanctions:refer", args=[decision.pk]),
        {"to_agency": cast.commune_agency.pk, "note": "Cần hỗ trợ học nghề."},
    )
    assert sent.status_code == 302
    referral = Referral.objects.get()
    assert referral.status == "pending" and referral.referred_by == officer
    assert violations.live_counts([code]) == {code: 0}  # not linked yet

    client.force_login(worker)
    listed = client.get(reverse("sanctions:referrals"))
    assert list(listed.context["page"]) == [referral]
    shown = client.get(reverse("sanctions:referral", args=[referral.pk]))
    assert "Đinh Thị Chuyển" in shown.text and "040196005555" in shown.text
    assert shown["Cache-Control"] == "no-store, private"
    assert AccessLog.objects.filter(actor=worker, subject=f"sanction#{decision.pk}").exists()
    assert list(shown.context["form"].fields["case"].queryset) == [case]
    answered = client.post(
        reverse("sanctions:referral", args=[referral.pk]),
        {"answer": "accept", "case": case.pk, "note": "Đã gặp."},
    )
    assert answered.status_code == 302
    referral.refresh_from_db()
    assert (referral.status, referral.person, referral.case) == ("accepted", case.person, case)
    assert violations.live_counts([code]) == {code: 1}
    # once answered, the referred identity is no longer shown to the team
    assert (
        "Đinh Thị Chuyển" not in client.get(reverse("sanctions:referral", args=[referral.pk])).text
    )

    # the police see that they referred, never the case or the person's code
    client.force_login(officer)
    page = client.get(reverse("sanctions:detail", args=[decision.pk]))
    assert cast.commune_agency.name in page.text
    assert code not in page.text and f"/people/cases/{case.pk}/" not in page.text
    with pytest.raises(PermissionDenied):
        people_identity.read_identity(officer, case.person)
    assert client.get(reverse("sanctions:referrals")).status_code == 403
    assert client.get(reverse("sanctions:referral", args=[referral.pk])).status_code == 404


def test_a_correction_of_an_accepted_decision_does_not_move_the_history(
    cast, officer, worker, case, police_agency
):
    old = TODAY - datetime.timedelta(days=150)  # a warning, spent after 6 months
    decision = make_sanction(
        officer,
        cast.commune,
        police_agency,
        form="warning",
        amount=None,
        violated_on=old,
        decided_on=old,
    )
    referral = actions.refer(officer, decision, cast.commune_agency)
    actions.answer_referral(worker, referral, True, case=case)
    code = case.person.code
    assert violations.live_counts([code]) == {code: 1}
    actions.update_sanction(officer, decision, decided_on=TODAY, violated_on=TODAY)
    assert violations.live_counts([code]) == {code: 1}
    # spent 6 months after the first-recorded date, not after the corrected one
    later = TODAY + datetime.timedelta(days=40)
    assert violations.live_counts([code], today=later) == {code: 0}


def test_buyers_and_brokers_are_never_referred(cast, officer, police_agency):
    buyer = make_sanction(
        officer,
        cast.commune,
        police_agency,
        behaviour="buying",
        legal_basis=basis(**BUYING_2026),
        amount=1_000_000,
    )
    with pytest.raises(ValidationError) as refused:
        actions.refer(officer, buyer, cast.commune_agency)
    assert "buyers" in str(refused.value) or "người mua dâm" in str(refused.value)
    assert not Referral.objects.exists()


def test_only_the_owning_police_refer_and_only_the_team_referred_to_answers(
    client, cast, officer, other_officer, worker, case, decision
):
    with pytest.raises(PermissionDenied):
        actions.refer(other_officer, decision, cast.commune_agency)
    with pytest.raises(PermissionDenied):
        actions.refer(cast.inside["inspector"], decision, cast.commune_agency)
    with pytest.raises(ValidationError):  # not a support agency of the area
        actions.refer(officer, decision, cast.other_agency)
    referral = actions.refer(officer, decision, cast.commune_agency)
    with pytest.raises(ValidationError):  # referred once
        actions.refer(officer, decision, cast.province_agency)
    # a case worker of another agency of the province: not theirs
    stranger = cast.inside["case_worker"]
    with pytest.raises(PermissionDenied):
        actions.read_referred_identity(stranger, referral)
    with pytest.raises(PermissionDenied):
        actions.answer_referral(stranger, referral, True, case=case)
    client.force_login(stranger)
    assert client.get(reverse("sanctions:referral", args=[referral.pk])).status_code == 404
    # a case of the team the worker is not assigned to
    colleague_case = make_case(cast, worker, full_name="Người Khác", id_number="040190009999")
    with pytest.raises(PermissionDenied):
        actions.answer_referral(cast.in_commune["coordinator"], referral, True, case=case)
    colleague_case.members.clear()
    with pytest.raises(PermissionDenied):
        actions.answer_referral(worker, referral, True, case=colleague_case)
    declined = actions.answer_referral(worker, referral, False, note="Không liên lạc được.")
    assert declined.status == "declined" and declined.person is None
    assert violations.live_counts([case.person.code]) == {case.person.code: 0}
    with pytest.raises(ValidationError):
        actions.answer_referral(worker, referral, True, case=case)

"""DESIGN.md's rules for people's data, proven on the actions and the identity door."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import connection
from django.utils import timezone

from lanhmanh.audit.models import AccessLog
from lanhmanh.people import actions, identity
from lanhmanh.people.models import DuplicateFlag, Person, Purpose, ServiceKind, ServiceStatus
from lanhmanh.people.testing import FAKE, consent, make_case
from lanhmanh.places.models import AdministrativeUnit, Level
from lanhmanh.testing import make_agency


@pytest.fixture
def case(cast):
    return make_case(cast)


# --- rule 1: encrypted at rest, keyed hashes -------------------------------------------


def test_identity_is_encrypted_in_every_column(case):
    with connection.cursor() as cursor:
        cursor.execute("SELECT * FROM people_person")
        rows = cursor.fetchall()
    dump = repr(rows)
    assert case.person.code in dump
    for value in (FAKE["full_name"], FAKE["id_number"], "0912 000 111", "Thử Nghiệm", "1990-05"):
        assert value not in dump


def test_code_is_pseudonymous(cast):
    codes = {make_case(cast, id_number=f"04019000{n:04d}").person.code for n in range(3)}
    assert len(codes) == 3
    for code in codes:
        prefix, random_part = code.split("-")
        assert prefix == "NA"  # Nghệ An
        assert len(random_part) == 6


def test_same_id_number_is_flagged_without_decrypting(case, cast, monkeypatch):
    def no_decrypt(*args, **kwargs):
        raise AssertionError("duplicates must be found by keyed hash")

    monkeypatch.setattr(identity.crypto, "decrypt", no_decrypt)
    monkeypatch.setattr(identity, "decrypt_identity", lambda p: dict.fromkeys(FAKE, ""))
    other = make_case(cast, full_name="Trần Văn Khác", id_number="0401 9000 1234")
    flag = DuplicateFlag.objects.get(person=other.person)
    assert flag.other == case.person
    assert flag.reason == DuplicateFlag.Reason.ID_NUMBER


def test_same_name_any_case_or_accents_and_birth_year_is_flagged(case, cast):
    other = make_case(cast, full_name="NGUYEN THI THU NGHIEM", id_number="", birth_date="1990")
    flag = DuplicateFlag.objects.get(person=other.person)
    assert (flag.other, flag.reason) == (case.person, DuplicateFlag.Reason.NAME_YEAR)
    third = make_case(cast, full_name="Lê Thị Nghiệm", id_number="", birth_date="1990-01-01")
    reasons = set(
        DuplicateFlag.objects.filter(person=third.person).values_list("reason", flat=True)
    )
    assert reasons == {DuplicateFlag.Reason.GIVEN_YEAR}
    unrelated = make_case(cast, full_name="Lê Thị Nghiệm", id_number="", birth_date="1991")
    assert not DuplicateFlag.objects.filter(person=unrelated.person).exists()


def test_merge_moves_cases_and_drops_the_copy(case, cast):
    worker = cast.in_commune["case_worker"]
    other = make_case(cast, id_number="040190001234", full_name="Nguyễn T. Thử")
    flag = DuplicateFlag.objects.get(person=other.person)
    actions.merge_duplicate(worker, flag, keep=case.person)
    assert not Person.objects.filter(pk=other.person.pk).exists()
    assert case.person.cases.count() == 2


def test_bad_identity_is_refused_with_field_errors(cast):
    with pytest.raises(ValidationError) as exc:
        make_case(cast, full_name=" ", id_number="12ab", birth_date="1850")
    assert set(exc.value.message_dict) == {"full_name", "id_number", "birth_date"}
    assert not Person.objects.exists()


# --- rule 2: who sees identities; every read logged ------------------------------------


def test_case_team_reads_the_identity_and_the_read_is_logged(case, cast):
    worker = cast.in_commune["case_worker"]
    before = AccessLog.objects.count()
    seen = identity.read_identity(worker, case.person, "follow-up visit")
    assert seen["full_name"] == FAKE["full_name"]
    row = AccessLog.objects.get()
    assert AccessLog.objects.count() == before + 1
    assert (row.actor, row.subject, row.access) == (worker, case.person.code, "view")
    assert row.reason == "follow-up visit"
    identity.read_identity(worker, case.person)
    assert AccessLog.objects.count() == before + 2


@pytest.mark.parametrize(
    "who",
    [
        ("in_commune", "viewer"),
        ("inside", "viewer"),
        ("inside", "admin"),
        ("inside", "coordinator"),
        ("inside", "reporter"),
        ("inside", "police"),
        ("outside", "case_worker"),
        ("outside", "coordinator"),
    ],
)
def test_others_never_read_an_identity(case, cast, who):
    user = getattr(cast, who[0])[who[1]]
    with pytest.raises(PermissionDenied):
        identity.read_identity(user, case.person, "curious")
    assert not AccessLog.objects.exists()


def test_coordinator_reads_only_by_break_glass_with_a_reason(case, cast):
    coordinator = cast.inside["coordinator"]
    with pytest.raises(ValidationError):
        identity.read_identity(coordinator, case.person, "x", break_glass=True)
    seen = identity.read_identity(
        coordinator, case.person, "safety emergency reported by the shelter", break_glass=True
    )
    assert seen["id_number"] == FAKE["id_number"]
    row = AccessLog.objects.get()
    assert row.access == AccessLog.Access.BREAK_GLASS
    assert "shelter" in row.reason
    with pytest.raises(PermissionDenied):
        identity.read_identity(
            cast.outside["coordinator"], case.person, "a long enough reason", break_glass=True
        )


def test_closed_case_hides_the_identity_from_the_team(case, cast):
    worker = cast.in_commune["case_worker"]
    consent(case, worker)
    actions.close_case(worker, case, "reintegrated")
    with pytest.raises(PermissionDenied):
        identity.read_identity(worker, case.person)
    actions.reopen_case(worker, case, "came back")
    assert identity.read_identity(worker, case.person)["full_name"] == FAKE["full_name"]


def test_transfer_needs_consent_and_the_sending_team_loses_access(case, cast):
    worker = cast.in_commune["case_worker"]
    target = (
        AdministrativeUnit.objects.current()
        .filter(level=Level.COMMUNE, province=cast.other_province)
        .first()
    )
    receiving = cast.other_agency
    with pytest.raises(ValidationError):
        actions.transfer_case(worker, case, receiving, target)
    consent(case, worker, Purpose.SHARING, agency=receiving)
    actions.transfer_case(worker, case, receiving, target, note="moved to Hà Tĩnh")
    with pytest.raises(PermissionDenied):
        identity.read_identity(worker, case.person)
    newcomer = cast.outside["case_worker"]
    assert identity.read_identity(newcomer, case.person)["full_name"] == FAKE["full_name"]


# --- rule 5: consent -------------------------------------------------------------------


def test_no_service_without_consent(case, cast):
    worker = cast.in_commune["case_worker"]
    provider = make_agency(cast.province, name="Trung tâm dịch vụ việc làm")
    with pytest.raises(ValidationError):
        actions.add_service(worker, case, kind=ServiceKind.COUNSELLING, provider=case.team)
    consent(case, worker)
    actions.add_service(worker, case, kind=ServiceKind.COUNSELLING, provider=case.team)
    with pytest.raises(ValidationError):  # a referral needs consent naming the provider
        actions.add_service(worker, case, kind=ServiceKind.JOB_PLACEMENT, provider=provider)
    consent(case, worker, Purpose.REFERRAL, agency=provider)
    referral = actions.add_service(worker, case, kind=ServiceKind.JOB_PLACEMENT, provider=provider)
    assert referral.status == ServiceStatus.REFERRED
    assert case.services.count() == 2


def test_withdrawal_stops_sharing_from_then_on(case, cast):
    worker = cast.in_commune["case_worker"]
    provider = make_agency(cast.province, name="Trung tâm y tế")
    consent(case, worker)
    referral_consent = consent(case, worker, Purpose.REFERRAL, agency=provider)
    pending = actions.add_service(worker, case, kind=ServiceKind.HIV_STI, provider=provider)
    actions.withdraw_consent(worker, case, referral_consent)
    pending.refresh_from_db()
    assert pending.status == ServiceStatus.DECLINED
    with pytest.raises(ValidationError):
        actions.add_service(worker, case, kind=ServiceKind.HEALTH_CHECK, provider=provider)
    yesterday = timezone.localdate() - datetime.timedelta(days=1)
    assert actions.has_consent(case.person, Purpose.REFERRAL, provider, on=yesterday)


def test_provider_answers_a_referral(case, cast):
    worker = cast.in_commune["case_worker"]
    provider = cast.province_agency
    consent(case, worker)
    consent(case, worker, Purpose.REFERRAL, agency=provider)
    referral = actions.add_service(worker, case, kind=ServiceKind.LEGAL_AID, provider=provider)
    with pytest.raises(PermissionDenied):
        actions.answer_referral(cast.outside["reporter"], referral, True)
    actions.answer_referral(cast.inside["reporter"], referral, True)
    assert referral.status == ServiceStatus.ACCEPTED
    with pytest.raises(ValidationError):
        actions.answer_referral(cast.inside["reporter"], referral, False)


def test_writers_only_in_their_area(case, cast):
    with pytest.raises(PermissionDenied):
        consent(case, cast.outside["case_worker"])
    with pytest.raises(PermissionDenied):
        consent(case, cast.inside["coordinator"])

import datetime
import hashlib

import pytest
from django.db import connection
from django.utils import timezone

from lanhmanh import crypto
from lanhmanh.assessments import indicators as assessment_indicators
from lanhmanh.assessments.models import Assessment, AssessmentScore, Status
from lanhmanh.demo.national import generate
from lanhmanh.demo.national_people import PEOPLE, generate_people
from lanhmanh.people.actions import find_duplicates
from lanhmanh.people.identity import decrypt_identity, hashes
from lanhmanh.people.models import (
    Case,
    CaseStatus,
    Consent,
    FollowUp,
    Person,
    Purpose,
    Service,
    ServiceStatus,
)
from lanhmanh.places.models import AdministrativeUnit, Level

pytestmark = pytest.mark.django_db

FRACTION = 0.002


def people_fingerprint() -> str:
    digest = hashlib.sha256()
    for row in sorted(
        Person.objects.values_list(
            "code", "commune__code", "sells_sex", "id_hash", "name_year_hash", "given_year_hash"
        )
    ):
        digest.update(repr(row).encode())
    for row in sorted(
        Case.objects.values_list("person__code", "status", "opened_on", "closed_on", "outcome")
    ):
        digest.update(repr(row).encode())
    for row in sorted(
        Service.objects.values_list("case__person__code", "kind", "status", "referred_on")
    ):
        digest.update(repr(row).encode())
    return digest.hexdigest()


def test_people_have_encrypted_identities_consented_cases_and_findable_hashes():
    made = generate(fraction=FRACTION, seed=5)
    expected = round(PEOPLE * FRACTION)
    assert made["people"] == Person.objects.count() == expected
    assert Case.objects.count() == expected  # a case per person
    assert Case.objects.filter(status=CaseStatus.OPEN).exists()
    assert Case.objects.filter(status=CaseStatus.CLOSED).exclude(outcome="").exists()
    assert Service.objects.filter(status=ServiceStatus.DELIVERED).exists()
    assert FollowUp.objects.filter(done_on__isnull=True).exists()
    provinces = set(Person.objects.values_list("commune__province", flat=True))
    assert len(provinces) > 20  # spread over the country

    # every service under a consent to case management given before it; a referral also
    # under the person's consent to that provider
    for service in Service.objects.select_related("case"):
        consents = Consent.objects.filter(
            person_id=service.case.person_id, given_on__lte=service.referred_on
        )
        assert consents.filter(purpose=Purpose.CASE_MANAGEMENT).exists()
        if service.provider_id != service.case.team_id:
            assert consents.filter(purpose=Purpose.REFERRAL, agency=service.provider).exists()

    # identities are tokens that open to invented data, with the actions' hashes
    person = Person.objects.order_by("pk").first()
    identity = decrypt_identity(person)
    assert identity["id_number"].startswith("000") and len(identity["id_number"]) == 12
    assert "(giả định)" in identity["address"]
    assert person.id_hash == hashes(identity["full_name"], identity["id_number"], "")["id_hash"]
    assert (
        person.name_year_hash
        == hashes(identity["full_name"], "", identity["birth_date"])["name_year_hash"]
    )
    # a second record of the same person is found without decrypting anything
    twin = Person(commune_id=person.commune_id, code="QG-TWIN01")
    for field, value in hashes(identity["full_name"], identity["id_number"], "").items():
        setattr(twin, field, value)
    twin.save()
    assert person in find_duplicates(twin)

    # no plaintext of any identity anywhere in the people tables
    sample = [decrypt_identity(p) for p in Person.objects.order_by("pk")[:20]]
    with connection.cursor() as cursor:
        dumps = []
        for table in ("people_person", "people_case", "people_service", "people_followup"):
            cursor.execute(f"SELECT * FROM {table}")  # noqa: S608 - fixed table names
            dumps.append(repr(cursor.fetchall()))
    dump = "\n".join(dumps)
    for identity in sample:
        for field in ("full_name", "id_number", "phone", "address"):
            if identity[field]:
                assert identity[field] not in dump, field
    for token in Person.objects.values_list("full_name_enc", flat=True)[:50]:
        assert token.startswith(crypto.PREFIX)

    # the same dataset's assessments (generating it is what takes the time)
    check_assessments_of_two_years_scored_and_mostly_reviewed(made)


def test_people_stage_is_deterministic_and_runs_once():
    generate(fraction=FRACTION, seed=5)
    first = people_fingerprint()
    assert generate(fraction=FRACTION, seed=5) == {}
    Person.objects.all().delete()
    provinces = list(AdministrativeUnit.objects.current().filter(level=Level.PROVINCE))
    communes = list(
        AdministrativeUnit.objects.current()
        .filter(level=Level.COMMUNE)
        .order_by("code")
        .values_list("pk", "province_id")
    )
    provinces.sort(key=lambda p: p.code)

    def insert(model, rows, total, label, batch=1000, keep=True):
        return model.objects.bulk_create(list(rows)) if keep else model.objects.bulk_create(rows)

    made = generate_people(provinces, communes, FRACTION, 5, insert)
    assert made["people"] == round(PEOPLE * FRACTION)
    assert people_fingerprint() == first


def check_assessments_of_two_years_scored_and_mostly_reviewed(made):
    year = timezone.localdate().year
    assessments = Assessment.objects.filter(year__in=(year - 1, year))
    assert made["assessments"] == assessments.count() > 0
    provinces = set(assessments.values_list("commune__province", flat=True))
    assert (
        len(provinces) == AdministrativeUnit.objects.current().filter(level=Level.PROVINCE).count()
    )
    last_year = assessments.filter(year=year - 1)
    assert last_year.filter(status=Status.APPROVED).count() > 0.8 * last_year.count()
    # every total is the sum of its scores, and the classification follows the set's rule
    for assessment in assessments.select_related("criteria_set"):
        scores = list(
            AssessmentScore.objects.filter(assessment=assessment).select_related("criterion")
        )
        assert assessment.total == sum(s.points for s in scores)
        missed = any(s.criterion.mandatory and s.points < s.criterion.max_points for s in scores)
        assert assessment.healthy == (
            assessment.total >= assessment.criteria_set.threshold and not missed
        )
    assert {True, False} == set(assessments.values_list("healthy", flat=True))
    # the "% communes lành mạnh" indicator counts them
    area = provinces
    end = datetime.date(year - 1, 12, 31)
    healthy = assessment_indicators.communes_healthy(area, datetime.date(year - 1, 1, 1), end)
    assert healthy == last_year.filter(status=Status.APPROVED, healthy=True).count()

"""The migration that drops ``person_code``: the identity of the person a decision pointed
to is copied into the decision's own encrypted fields; nothing stays linked."""

import datetime

from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from lanhmanh import crypto

BEFORE = [("sanctions", "0002_identity_owner_referrals")]
AFTER = [("sanctions", "0004_drop_person_code")]


def test_the_identity_a_decision_pointed_to_is_copied_and_the_link_dropped(transactional_db, cast):
    from lanhmanh.people.testing import make_case

    case = make_case(cast)
    executor = MigrationExecutor(connection)
    executor.migrate(BEFORE)
    old = executor.loader.project_state(BEFORE).apps
    Sanction = old.get_model("sanctions", "Sanction")
    LegalBasis = old.get_model("inspections", "LegalBasis")
    day = datetime.date(2026, 3, 5)
    common = {
        "subject": "individual",
        "behaviour": "selling",
        "legal_basis_id": LegalBasis.objects.filter(valid_to__isnull=True).first().pk,
        "commune_id": cast.commune.pk,
        "violated_on": day,
        "form": "fine",
        "amount": 300_000,
        "issuing_agency_id": cast.province_agency.pk,
        "decided_on": day,
        "created_by_id": cast.inside["police"].pk,
    }
    linked = Sanction.objects.create(
        person_code=case.person.code,
        decision_number="1/QĐ",
        search=f"1/qđ {case.person.code.lower()}",
        **common,
    )
    unknown = Sanction.objects.create(person_code="NA-NOBODY", decision_number="2/QĐ", **common)

    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(AFTER)
    from lanhmanh.sanctions import identity
    from lanhmanh.sanctions.models import Sanction as Current

    copied = Current.objects.get(pk=linked.pk)
    assert identity.decrypt_identity(copied) == {
        "full_name": "Nguyễn Thị Thử Nghiệm",
        "id_number": "040190001234",
        "birth_date": "1990-05-17",
    }
    assert copied.identity_hash == identity.identity_hash(
        "Nguyễn Thị Thử Nghiệm", "040190001234", "1990-05-17"
    )
    assert crypto.decrypt(copied.full_name_enc) and "Nguyễn" not in copied.full_name_enc
    assert case.person.code.lower() not in copied.search
    assert (copied.first_decided_on, copied.first_form) == (day, "fine")
    assert copied.recording_agency_id == cast.province_agency.pk  # the recorder's agency
    assert not copied.referrals.exists()
    nobody = Current.objects.get(pk=unknown.pk)
    assert not identity.has_identity(nobody) and nobody.identity_hash == ""

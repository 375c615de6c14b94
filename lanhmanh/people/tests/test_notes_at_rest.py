"""Point 9 of issue 19: free-text case notes are encrypted at rest like identities, are
rotated with the data key, and are shown only to the case team (or by break-glass)."""

import datetime
import io

import pytest
from django.conf import settings
from django.core.management import call_command
from django.db import connection
from django.urls import reverse

from lanhmanh import crypto
from lanhmanh.people import actions, rights
from lanhmanh.people.models import Case, RequestKind, ServiceKind
from lanhmanh.people.testing import consent, make_case

INTAKE = "Ghi chú tiếp nhận bí mật Quỳnh"
ASSESSMENT = "Đánh giá nhu cầu bí mật Quỳnh"
PLAN = "Kế hoạch hỗ trợ bí mật Quỳnh"
FOLLOW_UP = "Thăm nhà bí mật Quỳnh"
SERVICE = "Dịch vụ bí mật Quỳnh"
CLOSING = "Đóng hồ sơ bí mật Quỳnh"
REQUEST = "Yêu cầu bí mật Quỳnh"
SECRET = "bí mật Quỳnh"


def _write_every_note(cast):
    worker = cast.in_commune["case_worker"]
    case = make_case(cast, intake_note=INTAKE)
    consent(case, worker)
    actions.assess_needs(worker, case, ["health"], ASSESSMENT, PLAN)
    actions.add_follow_up(worker, case, datetime.date(2030, 1, 1), FOLLOW_UP)
    actions.add_service(
        worker, case, kind=ServiceKind.COUNSELLING, provider=case.team, note=SERVICE
    )
    rights.receive_request(worker, case.person, RequestKind.ACCESS, note=REQUEST)
    actions.close_case(worker, case, "reintegrated", note=CLOSING)
    actions.reopen_case(worker, case)
    return case


def _dump() -> str:
    with connection.cursor() as cursor:
        rows = []
        for table in connection.introspection.table_names():
            if table.startswith("people_"):
                cursor.execute(f'SELECT * FROM "{table}"')  # noqa: S608 - table names only
                rows.append(repr(cursor.fetchall()))
    return "\n".join(rows)


def test_no_note_is_stored_in_plaintext(cast):
    case = _write_every_note(cast)
    assert SECRET not in _dump()
    with connection.cursor() as cursor:
        cursor.execute("SELECT intake_note FROM people_case WHERE id = %s", [case.pk])
        (raw,) = cursor.fetchone()
    assert raw.startswith(crypto.PREFIX)
    # ...and the application reads them back.
    case = Case.objects.get(pk=case.pk)
    assert (case.intake_note, case.assessment_note, case.plan) == (INTAKE, ASSESSMENT, PLAN)
    assert case.follow_ups.get().note == FOLLOW_UP
    assert case.services.get().note == SERVICE


def test_notes_are_shown_to_the_team_never_to_a_coordinator(client, cast):
    case = _write_every_note(cast)
    client.force_login(cast.in_commune["case_worker"])
    team_page = client.get(reverse("people:case", args=[case.pk])).content.decode()
    for note in (INTAKE, ASSESSMENT, PLAN, FOLLOW_UP):
        assert note in team_page
    client.force_login(cast.inside["coordinator"])
    page = client.get(reverse("people:case", args=[case.pk])).content.decode()
    assert case.person.code in page and SECRET not in page
    glass = client.post(
        reverse("people:case", args=[case.pk]),
        {"reason": "Nhà tạm lánh báo có bạo lực, cần liên hệ ngay"},
    ).content.decode()
    assert ASSESSMENT in glass


def test_rotation_reencrypts_the_notes(cast, tmp_path, settings, monkeypatch):
    monkeypatch.delenv("LANHMANH_DATA_KEYS", raising=False)
    settings.VAR_DIR = tmp_path
    first = crypto.new_key()
    (tmp_path / "data_keys").write_text(first + "\n")
    settings.DATA_KEYS = [first]
    case = _write_every_note(cast)
    out = io.StringIO()
    call_command("rotate_key", stdout=out)
    # intake, assessment, plan, follow-up, service, request, closing note
    assert "7 case notes re-encrypted" in out.getvalue()
    assert [first] != settings.DATA_KEYS
    with connection.cursor() as cursor:
        cursor.execute("SELECT plan FROM people_case WHERE id = %s", [case.pk])
        (raw,) = cursor.fetchone()
        cursor.execute("SELECT note FROM people_followup WHERE case_id = %s", [case.pk])
        (follow_up,) = cursor.fetchone()
    assert crypto.decrypt(raw, [first]) is None  # the old key opens nothing
    assert crypto.decrypt(raw) == PLAN
    assert crypto.decrypt(follow_up) == FOLLOW_UP
    assert Case.objects.get(pk=case.pk).plan == PLAN


@pytest.fixture
def reference_data_back(django_db_blocker):
    """Requested before ``transactional_db``, so that its teardown runs after the flush:
    the units and legal bases come back for the tests that follow."""
    yield
    from lanhmanh.inspections.legal_bases import seed_legal_bases
    from lanhmanh.inspections.models import LegalBasis
    from lanhmanh.places.loader import load_units

    with django_db_blocker.unblock():
        load_units()
        seed_legal_bases(LegalBasis)


def test_the_migration_encrypts_existing_notes(reference_data_back, transactional_db):
    from django.db.migrations.executor import MigrationExecutor

    executor = MigrationExecutor(connection)
    before = [("people", "0002_case_members")]
    after = executor.loader.graph.leaf_nodes("people")
    executor.migrate(before)
    try:
        old = executor.loader.project_state(before).apps
        from lanhmanh.testing import make_cast

        cast = make_cast()
        Person = old.get_model("people", "Person")
        person = Person.objects.create(code="NA-MIGR01", commune_id=cast.commune.pk)
        OldCase = old.get_model("people", "Case")
        old_case = OldCase.objects.create(
            person=person,
            team_id=cast.commune_agency.pk,
            commune_id=cast.commune.pk,
            intake_note=INTAKE,
            plan=PLAN,
        )
        old.get_model("people", "FollowUp").objects.create(
            case=old_case, due_on=datetime.date(2030, 1, 1), note=FOLLOW_UP
        )
        assert SECRET in _dump()
        executor = MigrationExecutor(connection)
        executor.migrate(after)
        assert SECRET not in _dump()
        migrated = Case.objects.get(pk=old_case.pk)
        assert (migrated.intake_note, migrated.plan) == (INTAKE, PLAN)
    finally:
        executor = MigrationExecutor(connection)
        executor.migrate(after)
    assert settings.DATA_KEYS

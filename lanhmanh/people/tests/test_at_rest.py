"""Rule 1 on disk: the database file (SQLite) or a dump (PostgreSQL) of a person created
through the API holds no plaintext name or ID number."""

import glob
import os
import shutil
import subprocess
from pathlib import Path

import pytest
from django.db import connection
from ninja.testing import TestClient

from lanhmanh.people.api import router
from lanhmanh.people.models import Person

NAME = "Đinh Thị Lưu Trữ"
ID_NUMBER = "040188765432"
PHONE = "0987654321"
ADDRESS = "Xóm Thử Nghiệm Lưu Trữ"


def _pg_dump() -> str:
    found = shutil.which("pg_dump")
    candidates = sorted(glob.glob("/usr/lib/postgresql/*/bin/pg_dump"))
    return found or (candidates[-1] if candidates else "")


def _database_bytes() -> bytes:
    settings = connection.settings_dict
    if connection.vendor == "sqlite":
        path = Path(settings["NAME"])
        assert path.exists(), "the test database must be a file for this test"
        return b"".join(
            Path(name).read_bytes()
            for name in (str(path), f"{path}-wal", f"{path}-journal")
            if os.path.exists(name)
        )
    assert connection.vendor == "postgresql"
    binary = _pg_dump()
    assert binary, "pg_dump is needed to test the dump"
    env = {**os.environ, "PGPASSWORD": settings.get("PASSWORD") or ""}
    command = [binary, "--data-only", "--no-owner", "-d", settings["NAME"]]
    for flag, key in (("-h", "HOST"), ("-p", "PORT"), ("-U", "USER")):
        if settings.get(key):
            command += [flag, str(settings[key])]
    return subprocess.run(command, check=True, capture_output=True, env=env).stdout


def _reference_data():
    from lanhmanh.inspections.legal_bases import seed_legal_bases
    from lanhmanh.inspections.models import LegalBasis
    from lanhmanh.places.loader import load_units

    load_units()
    seed_legal_bases(LegalBasis)


@pytest.fixture
def reference_data_back(django_db_blocker):
    """Requested before ``transactional_db``, so that its teardown runs after the flush:
    the units and legal bases come back for the tests that follow."""
    yield
    with django_db_blocker.unblock():
        _reference_data()


def test_no_plaintext_identity_in_the_database_on_disk(reference_data_back, transactional_db):
    from lanhmanh.testing import make_cast

    _reference_data()  # a transactional test before this one may have flushed them
    cast = make_cast()
    response = TestClient(router).post(
        "/people",
        json={
            "full_name": NAME,
            "id_number": ID_NUMBER,
            "birth_year": 1988,
            "phone": PHONE,
            "address": ADDRESS,
            "commune_code": cast.commune.code,
            "groups": ["trafficking_returnee"],
        },
        user=cast.in_commune["case_worker"],
    )
    assert response.status_code == 201
    if connection.vendor == "sqlite":
        with connection.cursor() as cursor:
            cursor.execute("PRAGMA wal_checkpoint(FULL)")
    data = _database_bytes()
    code = Person.objects.get().code
    assert code.encode() in data  # the record is on disk...
    for secret in (NAME, ID_NUMBER, PHONE, ADDRESS, "Lưu Trữ"):
        for encoding in ("utf-8", "utf-16-le"):
            assert secret.encode(encoding) not in data  # ...but not the identity

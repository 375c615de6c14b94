"""Data-subject requests: deadlines, the password-protected export, erasure."""

import datetime
import io

import pytest
import pyzipper
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import connection

from lanhmanh.audit.models import AccessLog, Change
from lanhmanh.people import rights
from lanhmanh.people.models import Consent, DataSubjectRequest, Person, Purpose, RequestKind
from lanhmanh.people.testing import FAKE, consent, make_case

D = datetime.date


@pytest.fixture
def case(cast):
    return make_case(cast)


def test_working_day_deadlines():
    friday = D(2026, 11, 20)
    assert rights.add_working_days(friday, 2) == D(2026, 11, 24)  # Tuesday
    assert rights.add_working_days(friday, 15) == D(2026, 12, 11)


def test_requests_get_deadlines_and_overdue_warnings(case, cast):
    worker = cast.in_commune["case_worker"]
    friday = D(2026, 11, 20)
    request = rights.receive_request(worker, case.person, RequestKind.WITHDRAWAL, friday)
    assert (request.acknowledge_by, request.act_by) == (D(2026, 11, 24), D(2026, 12, 11))
    assert request.overdue(D(2026, 11, 24)) == []
    assert request.overdue(D(2026, 11, 25)) == ["acknowledge"]
    rights.acknowledge(worker, request, D(2026, 11, 25))
    assert request.overdue(D(2026, 12, 14)) == ["act"]
    access = rights.receive_request(worker, case.person, RequestKind.ACCESS, friday)
    assert access.act_by is None
    with pytest.raises(PermissionDenied):
        rights.receive_request(cast.inside["coordinator"], case.person, RequestKind.ACCESS)


def test_withdrawal_request_withdraws_every_consent(case, cast):
    worker = cast.in_commune["case_worker"]
    consent(case, worker)
    consent(case, worker, Purpose.REFERRAL, agency=cast.province_agency)
    request = rights.receive_request(worker, case.person, RequestKind.WITHDRAWAL)
    rights.complete(worker, request)
    assert not Consent.objects.filter(person=case.person, withdrawn_on__isnull=True).exists()
    assert request.completed_on is not None


def test_access_export_is_password_protected_and_logged(case, cast):
    worker = cast.in_commune["case_worker"]
    request = rights.receive_request(worker, case.person, RequestKind.ACCESS)
    with pytest.raises(ValidationError):
        rights.export_for_access(worker, request, "short")
    body = rights.export_for_access(worker, request, "mật-khẩu-đủ-dài")
    assert FAKE["full_name"].encode() not in body
    with pyzipper.AESZipFile(io.BytesIO(body)) as archive:
        with pytest.raises(RuntimeError):
            archive.read(archive.namelist()[0])  # no password
        archive.setpassword("mật-khẩu-đủ-dài".encode())
        content = archive.read(f"{case.person.code}.json").decode()
    assert FAKE["full_name"] in content and FAKE["id_number"] in content
    assert AccessLog.objects.get().access == AccessLog.Access.EXPORT
    with pytest.raises(PermissionDenied):
        rights.export_for_access(cast.inside["coordinator"], request, "mật-khẩu-đủ-dài")


def test_erasure_leaves_an_audit_entry_but_no_data(case, cast):
    worker = cast.in_commune["case_worker"]
    consent(case, worker)
    person_pk, code = case.person.pk, case.person.code
    request = rights.receive_request(worker, case.person, RequestKind.ERASURE, note="by letter")
    rights.complete(worker, request)
    assert not Person.objects.filter(pk=person_pk).exists()
    request = DataSubjectRequest.objects.get(pk=request.pk)
    assert request.person is None and request.completed_on and request.note == ""
    entry = Change.objects.get(object_id=person_pk, action="deleted", content_type__model="person")
    assert entry.fields == {} and f"request {request.pk}" in entry.note
    with connection.cursor() as cursor:
        for table in connection.introspection.table_names():
            cursor.execute(f'SELECT * FROM "{table}"')  # noqa: S608 - table names only
            dump = repr(cursor.fetchall())
            assert FAKE["full_name"] not in dump, table
    assert code  # the pseudonymous code may remain on the request: it opens nothing


def test_request_pages(client, case, cast):
    worker = cast.in_commune["case_worker"]
    client.force_login(worker)
    page = client.post(
        f"/people/cases/{case.pk}/request/", {"kind": "access", "received_on": "2026-01-05"}
    )
    assert page.status_code == 302
    request = DataSubjectRequest.objects.get()
    listed = client.get("/people/requests/")
    assert listed.status_code == 200 and listed.context["rows"][0][1] == ["acknowledge"]
    assert FAKE["full_name"] not in listed.content.decode()
    download = client.post(f"/people/requests/{request.pk}/export/", {"password": "x" * 12})
    assert download["Content-Type"] == "application/zip"
    assert client.post(f"/people/requests/{request.pk}/complete/").status_code == 302
    client.force_login(cast.outside["case_worker"])
    assert client.get(f"/people/requests/{request.pk}/export/").status_code == 404

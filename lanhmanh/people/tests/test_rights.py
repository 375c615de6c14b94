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
    # Tuesday 24/11 is Vietnamese Culture Day, a public holiday from 2026.
    assert rights.add_working_days(friday, 2) == D(2026, 11, 25)
    assert rights.add_working_days(friday, 15) == D(2026, 12, 14)


def test_requests_get_deadlines_and_overdue_warnings(case, cast):
    worker = cast.in_commune["case_worker"]
    friday = D(2026, 11, 20)
    request = rights.receive_request(worker, case.person, RequestKind.WITHDRAWAL, friday)
    assert (request.acknowledge_by, request.act_by) == (D(2026, 11, 25), D(2026, 12, 14))
    assert request.overdue(D(2026, 11, 25)) == []
    assert request.overdue(D(2026, 11, 26)) == ["acknowledge"]
    rights.acknowledge(worker, request, D(2026, 11, 26))
    assert request.overdue(D(2026, 12, 15)) == ["act"]
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


def test_request_deadlines_skip_holidays_and_show_on_the_page(case, cast, client, monkeypatch):
    """Received on the Friday before Tết 2027, on 30/4 and on 2/9: the deadlines skip the
    holidays, and the request list shows them as dd/mm/yyyy."""
    import types

    worker = cast.in_commune["case_worker"]
    monkeypatch.setattr(rights, "timezone", types.SimpleNamespace(localdate=lambda: D(2027, 3, 1)))
    tet = rights.receive_request(worker, case.person, RequestKind.WITHDRAWAL, D(2027, 1, 29))
    april = rights.receive_request(worker, case.person, RequestKind.ACCESS, D(2026, 4, 30))
    september = rights.receive_request(worker, case.person, RequestKind.ACCESS, D(2026, 9, 2))
    assert (tet.acknowledge_by, tet.act_by) == (D(2027, 2, 2), D(2027, 2, 26))
    assert april.acknowledge_by == D(2026, 5, 5)
    assert september.acknowledge_by == D(2026, 9, 4)
    client.force_login(worker)
    body = client.get("/people/requests/").content.decode()
    for shown in ("02/02/2027", "26/02/2027", "05/05/2026", "04/09/2026"):
        assert shown in body

"""No register shows a record outside the user's jurisdiction: not in its list page, its
exports, its API list, nor by guessing the record's address (404).

One record per register is made in a ward of Nghệ An, with a marker no other record has;
every role of another province (Hà Tĩnh) looks for it everywhere.
"""

import datetime

import pytest
from django.test import Client

from lanhmanh.agencies.models import AgencyKind
from lanhmanh.agencies.roles import Role
from lanhmanh.api.actions import create_token
from lanhmanh.assessments import actions as assessment_actions
from lanhmanh.assessments.tests.factories import default_set
from lanhmanh.hotspots import actions as hotspot_actions
from lanhmanh.inspections import actions as inspection_actions
from lanhmanh.inspections.models import Establishment
from lanhmanh.sanctions.tests.factories import make_sanction, police_of
from lanhmanh.testing import make_agency
from lanhmanh.tips import actions as tip_actions

pytestmark = pytest.mark.django_db
MARK = "Zyxwvu"


@pytest.fixture
def records(cast):
    inspector, police = cast.inside[Role.INSPECTOR], cast.inside[Role.POLICE]
    team = make_agency(cast.province, AgencyKind.INSPECTION_TEAM, name="Đội 178 thử")
    venue = Establishment.objects.create(
        kind="karaoke", name=f"Karaoke {MARK}", commune=cast.commune
    )
    inspection = inspection_actions.record_inspection(
        inspector,
        establishment=venue,
        team=team,
        inspected_on=datetime.date(2026, 3, 2),
        kind="surprise",
        findings=MARK,
    )
    hotspot = hotspot_actions.create_hotspot(
        police, name=f"Tụ điểm {MARK}", commune=cast.commune, address="Bến xe"
    )
    tip = tip_actions.receive_tip(
        police,
        channel="hotline",
        commune=cast.commune,
        category="prostitution",
        content=f"Nghi có hoạt động mại dâm {MARK}",
    )
    sanction = make_sanction(
        police, cast.commune, police_of(cast.province), decision_number=f"1/{MARK}"
    )
    default_set()
    assessment = assessment_actions.create_assessment(
        cast.in_commune[Role.REPORTER], cast.commune, datetime.date.today().year, summary=MARK
    )
    from lanhmanh.activities import actions as activity_actions

    activity = activity_actions.create_activity(
        cast.in_commune[Role.REPORTER],
        kind="talk",
        title=f"Nói chuyện chuyên đề {MARK}",
        held_on=datetime.date(2026, 3, 2),
        unit=cast.commune,
        organiser=cast.commune_agency,
    )
    return {
        "/activities/": activity,
        "/assessments/": assessment,
        "/establishments/": venue,
        "/establishments/inspections/": inspection,
        "/hotspots/": hotspot,
        "/tips/": tip,
        "/sanctions/": sanction,
    }


EXPORTS = {
    "/activities/": ["/activities/export.csv", "/activities/export.xlsx"],
    "/assessments/": ["/assessments/export.csv", "/assessments/export.xlsx"],
    "/establishments/": ["/establishments/export.csv", "/establishments/export.xlsx"],
    "/establishments/inspections/": [
        "/establishments/inspections/export.csv",
        "/establishments/inspections/export.xlsx",
    ],
    "/hotspots/": ["/hotspots/export.csv", "/hotspots/export.xlsx"],
    "/tips/": ["/tips/export.csv", "/tips/export.xlsx"],
    "/sanctions/": ["/sanctions/export.csv", "/sanctions/export.xlsx"],
}
API = {
    "/activities/": "/api/v1/activities",
    "/assessments/": "/api/v1/assessments",
    "/establishments/": "/api/v1/establishments",
    "/establishments/inspections/": "/api/v1/inspections",
    "/hotspots/": "/api/v1/hotspots",
    "/tips/": "/api/v1/tips",
    "/sanctions/": "/api/v1/sanctions",
}


def _marker(record) -> str:
    # a tip's list shows its reference code, not its content; an assessment's, its commune
    if record._meta.model_name == "assessment":
        return record.commune.name
    return getattr(record, "reference", None) or MARK


def _shows(response, record) -> bool:
    mark = _marker(record).lower()
    body = response.content
    if response.get("Content-Type", "").startswith("application/vnd.openxml"):
        import io

        import openpyxl

        sheet = openpyxl.load_workbook(io.BytesIO(body)).active
        return any(mark in str(cell.value).lower() for row in sheet.iter_rows() for cell in row)
    return mark in body.decode("utf-8", "replace").lower()


@pytest.mark.parametrize("role", Role.values)
def test_no_register_leaks_outside_the_jurisdiction(client, cast, records, role):
    outsider = cast.outside[role]
    client.force_login(outsider)
    _token, secret = create_token(outsider)
    api = Client(headers={"Authorization": f"Bearer {secret}"})
    for listing, record in records.items():
        page = client.get(listing)
        assert page.status_code in (200, 403), listing
        assert not _shows(page, record), listing
        for export in EXPORTS[listing]:
            response = client.get(export)
            assert response.status_code in (200, 403), export
            assert not _shows(response, record), export
        detail = client.get(f"{listing}{record.pk}/")
        assert detail.status_code in (403, 404), f"{listing}{record.pk}/"
        listed = api.get(API[listing])
        assert listed.status_code in (200, 403), API[listing]
        assert not _shows(listed, record), API[listing]
        assert api.get(f"{API[listing]}/{record.pk}").status_code in (403, 404)


def test_the_same_records_are_visible_inside(client, cast, records):
    """The check above can fail: inside the province the records show."""
    client.force_login(cast.inside[Role.COORDINATOR])
    for listing, record in records.items():
        assert _shows(client.get(listing), record), listing
        assert client.get(f"{listing}{record.pk}/").status_code == 200, listing


# --- the people register -------------------------------------------------------------
# Its lists show person codes, never names: a person of Nghệ An must not appear, by her
# code, in any list, search or API answer of another province's users.

PEOPLE_LISTS = ["/people/", "/people/referrals/", "/people/requests/"]
PEOPLE_API_LISTS = ["/api/v1/cases", "/api/v1/people"]


@pytest.fixture
def person_in_province(cast):
    from lanhmanh.people import rights
    from lanhmanh.people import testing as people_testing
    from lanhmanh.people.actions import add_service
    from lanhmanh.people.models import Purpose, RequestKind, ServiceKind

    worker = cast.in_commune[Role.CASE_WORKER]
    case = people_testing.make_case(
        cast, worker, full_name=f"Nguyễn Thị {MARK}", id_number="040199012345"
    )
    case.members.add(worker)  # her own team, for the steps the team alone takes
    people_testing.consent(case, worker)
    people_testing.consent(case, worker, Purpose.REFERRAL, agency=cast.province_agency)
    service = add_service(
        worker, case, kind=ServiceKind.HEALTH_CHECK, provider=cast.province_agency
    )
    request = rights.receive_request(worker, case.person, RequestKind.ACCESS)
    return {"case": case, "person": case.person, "service": service, "request": request}


def _people_pages(client, api, person):
    """(name, response) of every list, search and API answer of the people register."""
    yield from ((url, client.get(url)) for url in PEOPLE_LISTS)
    yield (
        "/people/find/ (ID number)",
        client.post("/people/find/", {"id_number": "040199012345"}),
    )
    yield (
        "/people/find/ (name and year)",
        client.post("/people/find/", {"full_name": f"Nguyễn Thị {MARK}", "birth_year": 1990}),
    )
    yield "/people/stats/", client.get("/people/stats/")
    yield from ((url, api.get(url)) for url in PEOPLE_API_LISTS)


@pytest.mark.parametrize("role", Role.values)
def test_no_person_leaks_outside_the_jurisdiction(client, cast, person_in_province, role):
    outsider = cast.outside[role]
    client.force_login(outsider)
    _token, secret = create_token(outsider)
    api = Client(headers={"Authorization": f"Bearer {secret}"})
    person, case = person_in_province["person"], person_in_province["case"]
    for name, response in _people_pages(client, api, person):
        assert response.status_code in (200, 400, 403), f"{name}: {response.status_code}"
        body = response.content.decode("utf-8", "replace")
        assert person.code not in body, f"{name} shows {person.code}"
        if "find" not in name:  # the search form echoes what was typed into it
            assert MARK not in body, f"{name} shows the name"
    for url in (
        f"/people/cases/{case.pk}/",
        f"/people/persons/{person.pk}/",
        f"/people/cases/{case.pk}/follow-up/",
    ):
        assert client.get(url).status_code in (403, 404), url
    for url in (f"/api/v1/cases/{case.pk}", f"/api/v1/people/{person.pk}"):
        response = api.get(url)
        assert response.status_code in (403, 404), url
        assert person.code not in response.content.decode(), url


def test_the_same_person_is_listed_inside(client, cast, person_in_province):
    """The check above can fail: her team lists her code in the lists and the API."""
    worker = cast.in_commune[Role.CASE_WORKER]
    client.force_login(worker)
    _token, secret = create_token(worker)
    api = Client(headers={"Authorization": f"Bearer {secret}"})
    person = person_in_province["person"]
    for url in ["/people/", "/people/requests/"]:
        assert person.code in client.get(url).content.decode(), url
    for url in PEOPLE_API_LISTS:
        assert person.code in api.get(url).content.decode(), url
    found = client.post("/people/find/", {"id_number": "040199012345"})
    assert person.code in found.content.decode()
    provider = cast.member_of(cast.province_agency, Role.CASE_WORKER)
    client.force_login(provider)
    assert person.code in client.get("/people/referrals/").content.decode()

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
    return {
        "/assessments/": assessment,
        "/establishments/": venue,
        "/establishments/inspections/": inspection,
        "/hotspots/": hotspot,
        "/tips/": tip,
        "/sanctions/": sanction,
    }


EXPORTS = {
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

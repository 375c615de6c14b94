"""Issue 19's holes in the sanctions register, as an outside tester found them."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied
from django.urls import reverse

from lanhmanh.agencies.models import AgencyKind
from lanhmanh.agencies.roles import Role
from lanhmanh.people import identity, violations
from lanhmanh.people.testing import make_case
from lanhmanh.places.models import AdministrativeUnit, Level
from lanhmanh.sanctions.models import Sanction
from lanhmanh.testing import make_agency, make_user

from .factories import basis, make_sanction

pytestmark = pytest.mark.django_db


def _auth(user):
    from lanhmanh.api.actions import create_token

    _token, secret = create_token(user, "test")
    return {"HTTP_AUTHORIZATION": f"Bearer {secret}"}


def test_a_police_officer_of_another_province_cannot_reach_a_person_through_a_crafted_sanction(
    client, cast
):
    case = make_case(cast)  # a person of Nghệ An's support register
    ha_tinh_police = make_agency(cast.other_province, AgencyKind.POLICE, name="Công an Hà Tĩnh")
    officer = make_user(Role.POLICE, ha_tinh_police)
    commune = (
        AdministrativeUnit.objects.current()
        .filter(level=Level.COMMUNE, province=cast.other_province)
        .first()
    )
    body = {
        "subject": "individual",
        "person_code": case.person.code,
        "behaviour": "selling",
        "legal_basis": basis().pk,
        "commune": commune.pk,
        "violated_on": "2026-03-02",
        "form": "fine",
        "amount": 300000,
        "issuing_agency": ha_tinh_police.pk,
        "decision_number": "1/QĐ-XPHC",
        "decided_on": "2026-03-03",
    }
    sent = client.post("/api/v1/sanctions", body, content_type="application/json", **_auth(officer))
    assert sent.status_code == 422, sent.json()
    assert "person_code" in sent.json()["errors"]
    assert not Sanction.objects.exists()
    assert violations.live_counts([case.person.code]) == {case.person.code: 0}
    with pytest.raises(PermissionDenied):
        identity.read_identity(officer, case.person)


def test_the_web_form_takes_no_person_code(client, cast):
    case = make_case(cast)
    police = make_agency(cast.province, AgencyKind.POLICE, name="Công an tỉnh thử")
    officer = make_user(Role.POLICE, police)
    client.force_login(officer)
    today = datetime.date.today()
    data = {
        "subject": "individual",
        "person_code": case.person.code,
        "full_name": "Người Thử Nghiệm",
        "behaviour": "selling",
        "commune": cast.commune.pk,
        "violated_on": today.isoformat(),
        "legal_basis": basis().pk,
        "form": "fine",
        "amount": "300000",
        "recording_agency": police.pk,
        "issuing_agency": police.pk,
        "decision_number": "5/QĐ-XPHC",
        "decided_on": today.isoformat(),
    }
    assert client.post(reverse("sanctions:create"), data).status_code == 302
    recorded = Sanction.objects.get()
    assert not hasattr(recorded, "person_code") and recorded.full_name_enc
    assert violations.live_counts([case.person.code]) == {case.person.code: 0}
    with pytest.raises(PermissionDenied):
        identity.read_identity(officer, case.person)


def test_an_inspector_cannot_correct_a_decision_the_police_recorded(client, cast):
    police = make_agency(cast.province, AgencyKind.POLICE, name="Công an tỉnh thử")
    officer = make_user(Role.POLICE, police)
    team = make_agency(cast.province, AgencyKind.INSPECTION_TEAM, name="Đội 178 thử")
    inspector = make_user(Role.INSPECTOR, team)
    decision = make_sanction(officer, cast.commune, police)
    patched = client.patch(
        f"/api/v1/sanctions/{decision.pk}",
        {"amount": 500000, "note": "sửa"},
        content_type="application/json",
        **_auth(inspector),
    )
    assert patched.status_code == 403, patched.json()
    assert "agency" in patched.json()["detail"]
    decision.refresh_from_db()
    assert decision.amount == 400_000 and decision.note == ""
    client.force_login(inspector)
    assert client.get(reverse("sanctions:edit", args=[decision.pk])).status_code == 403
    page = client.get(reverse("sanctions:detail", args=[decision.pk]))
    assert page.status_code == 200 and not page.context["can_edit"]
    # the police who recorded it still correct it
    client.force_login(officer)
    patched = client.patch(
        f"/api/v1/sanctions/{decision.pk}",
        {"note": "đã sửa"},
        content_type="application/json",
        **_auth(officer),
    )
    assert patched.status_code == 200 and patched.json()["note"] == "đã sửa"

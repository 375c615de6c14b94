"""Once a tip has a handling agency, only that agency's police work it, hand it over and
see its sender (``tip.handle``, ``tip.assign``, ``tip.reveal_contact``); the police of
the area route only a tip nobody handles yet (``tip.route``).

Issue 19, finding 6b: provincial police assigned a commune police tip to themselves,
then revealed the sender's contact."""

import pytest
from django.core.exceptions import PermissionDenied
from django.test import Client
from ninja.testing import TestClient

from lanhmanh.agencies.models import AgencyKind
from lanhmanh.testing import make_agency, make_user
from lanhmanh.tips import actions
from lanhmanh.tips.api import router
from lanhmanh.tips.models import SenderContactView, Status, Tip, TipEvent

from .conftest import EMAIL, NAME, PHONE

pytestmark = pytest.mark.django_db
api = TestClient(router)


def login(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


@pytest.fixture
def police(cast):
    """The province's police and the commune's police, an officer in each."""
    province = make_agency(cast.province, AgencyKind.POLICE, name="Công an tỉnh Nghệ An")
    commune = make_agency(cast.commune, AgencyKind.POLICE, name="Công an phường Trường Vinh")
    return {
        "province": province,
        "commune": commune,
        "province_officer": make_user("police", province),
        "commune_officer": make_user("police", commune),
    }


@pytest.fixture
def commune_tip(police, make_tip):
    """A tip with a contact, routed by the province's police to the commune's police."""
    tip = make_tip(contact={"name": NAME, "phone": PHONE, "email": EMAIL})
    actions.assign_tip(police["province_officer"], tip, police["commune"])
    return Tip.objects.get(pk=tip.pk)


def unchanged(tip, events_before):
    tip_now = Tip.objects.get(pk=tip.pk)
    assert tip_now.assigned_agency_id == tip.assigned_agency_id
    assert tip_now.status == tip.status
    assert TipEvent.objects.filter(tip=tip).count() == events_before


def test_province_police_cannot_take_a_commune_police_tip(police, commune_tip):
    officer = police["province_officer"]
    events = TipEvent.objects.filter(tip=commune_tip).count()
    web = login(officer)

    taken = web.post(
        f"/tips/{commune_tip.pk}/assign/", {"agency": police["province"].pk, "note": "Tỉnh xử lý"}
    )
    assert taken.status_code == 403
    unchanged(commune_tip, events)

    patched = api.patch(
        f"/tips/{commune_tip.pk}", json={"assigned_agency_id": police["province"].pk}, user=officer
    )
    assert patched.status_code == 403 and patched.json()["detail"]
    unchanged(commune_tip, events)

    with pytest.raises(PermissionDenied):
        actions.assign_tip(officer, commune_tip, police["province"])
    unchanged(commune_tip, events)

    revealed = web.post(f"/tips/{commune_tip.pk}/contact/", {"reason": "Cần liên hệ người gửi"})
    assert revealed.status_code == 403
    assert PHONE not in revealed.content.decode() and NAME not in revealed.content.decode()
    with pytest.raises(PermissionDenied):
        actions.reveal_contact(officer, commune_tip, "Cần liên hệ người gửi")
    assert not SenderContactView.objects.exists()

    # Nor may they work it in the commune's place.
    for step, data in (
        ("verify", {"note": "Cử tổ xác minh"}),
        ("note", {"note": "Ghi chú của tỉnh"}),
    ):
        assert web.post(f"/tips/{commune_tip.pk}/{step}/", data).status_code == 403
    assert api.patch(
        f"/tips/{commune_tip.pk}", json={"status": "verifying"}, user=officer
    ).status_code == (403)
    unchanged(commune_tip, events)

    page = web.get(f"/tips/{commune_tip.pk}/").content.decode()
    assert f'action="/tips/{commune_tip.pk}/assign/"' not in page
    assert f'action="/tips/{commune_tip.pk}/contact/"' not in page


def test_the_handling_agency_hands_the_tip_over(cast, police, commune_tip):
    commune_officer = police["commune_officer"]
    web = login(commune_officer)
    page = web.get(f"/tips/{commune_tip.pk}/")
    assert f'action="/tips/{commune_tip.pk}/assign/"' in page.content.decode()
    # Not back to itself: its own agency is not offered, and is refused if sent.
    offered = list(page.context["assign_form"].fields["agency"].queryset)
    assert police["province"] in offered and police["commune"] not in offered
    events = TipEvent.objects.filter(tip=commune_tip).count()
    itself = api.patch(
        f"/tips/{commune_tip.pk}",
        json={"assigned_agency_id": police["commune"].pk, "note": ""},
        user=commune_officer,
    )
    assert itself.status_code == 200  # nothing to change: the same agency
    assert TipEvent.objects.filter(tip=commune_tip).count() == events
    elsewhere = make_agency(cast.other_province, AgencyKind.POLICE, name="Công an tỉnh Hà Tĩnh")
    far = web.post(f"/tips/{commune_tip.pk}/assign/", {"agency": elsewhere.pk})
    assert far.status_code == 302
    assert Tip.objects.get(pk=commune_tip.pk).assigned_agency == police["commune"]

    handed = web.post(
        f"/tips/{commune_tip.pk}/assign/",
        {"agency": police["province"].pk, "note": "Vụ việc liên tỉnh, chuyển Công an tỉnh"},
    )
    assert handed.status_code == 302
    tip = Tip.objects.get(pk=commune_tip.pk)
    assert tip.assigned_agency == police["province"]
    event = tip.events.filter(action=TipEvent.Action.ASSIGNED).last()
    assert event.user == commune_officer and event.agency == police["province"]

    # Now the province's police handle it and see the sender; the commune's no longer.
    assert login(commune_officer).post(
        f"/tips/{tip.pk}/contact/", {"reason": "Liên hệ lại"}
    ).status_code == (403)
    province = login(police["province_officer"])
    shown = province.post(f"/tips/{tip.pk}/contact/", {"reason": "Xác minh với người gửi"})
    assert shown.status_code == 200 and PHONE in shown.content.decode()
    view = SenderContactView.objects.get()
    assert view.user == police["province_officer"] and view.reason == "Xác minh với người gửi"
    verify = province.post(f"/tips/{tip.pk}/verify/", {"note": "Cử tổ xác minh"})
    assert verify.status_code == 302
    assert Tip.objects.get(pk=tip.pk).status == Status.VERIFYING


def test_area_police_route_only_a_tip_nobody_handles(cast, police, make_tip):
    tip = make_tip()
    # Anyone's: the police of the area route it.
    routed = login(police["province_officer"]).post(
        f"/tips/{tip.pk}/assign/", {"agency": police["commune"].pk}
    )
    assert routed.status_code == 302
    assert Tip.objects.get(pk=tip.pk).assigned_agency == police["commune"]
    # Police of the area of another agency: not theirs to route again.
    other = make_user("police", make_agency(cast.province, AgencyKind.POLICE, name="Phòng CSHS"))
    again = login(other).post(f"/tips/{tip.pk}/assign/", {"agency": police["province"].pk})
    assert again.status_code == 403
    assert Tip.objects.get(pk=tip.pk).assigned_agency == police["commune"]

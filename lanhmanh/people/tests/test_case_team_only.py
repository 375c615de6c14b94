"""Finding 2 of issue 19: the case's team is its assigned members, not the whole area.

A case worker of the area who is not on the team (of another agency, or a colleague of the
same agency) reads the identity only by break-glass and does no case work."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied
from django.urls import reverse
from ninja.testing import TestClient

from lanhmanh.audit.models import AccessLog, Change
from lanhmanh.people import actions, identity, rights
from lanhmanh.people.api import router
from lanhmanh.people.models import CaseEvent, Purpose, RequestKind, ServiceKind
from lanhmanh.people.testing import FAKE, consent

NAME = FAKE["full_name"]
api = TestClient(router)


@pytest.fixture(params=["other_agency", "same_agency"])
def outsider(request, cast, colleague):
    """A case worker of the province not on the case's team."""
    return cast.inside["case_worker"] if request.param == "other_agency" else colleague


def test_the_user_who_opens_a_case_is_its_only_member(case, cast):
    assert list(case.members.all()) == [cast.in_commune["case_worker"]]


def test_outsider_of_the_area_reads_no_identity_without_break_glass(case, outsider):
    with pytest.raises(PermissionDenied):
        identity.read_identity(outsider, case.person, "curious")
    assert not AccessLog.objects.exists()
    seen = identity.read_identity(
        outsider, case.person, "Người này gọi đường dây nóng xin giúp đỡ khẩn cấp", break_glass=True
    )
    assert seen["full_name"] == NAME
    assert AccessLog.objects.get().access == AccessLog.Access.BREAK_GLASS


def test_outsider_does_no_case_work(case, cast, outsider):
    worker = cast.in_commune["case_worker"]
    consent(case, worker)
    attempts = [
        lambda: actions.add_follow_up(outsider, case, datetime.date(2030, 1, 1), "visit"),
        lambda: consent(case, outsider),
        lambda: actions.assess_needs(outsider, case, ["health"], "note"),
        lambda: actions.add_service(
            outsider, case, kind=ServiceKind.COUNSELLING, provider=case.team
        ),
        lambda: actions.close_case(outsider, case, "reintegrated"),
        lambda: actions.update_identity(outsider, case.person, phone="0900 999 999"),
        lambda: rights.receive_request(outsider, case.person, RequestKind.ACCESS),
    ]
    for attempt in attempts:
        with pytest.raises(PermissionDenied):
            attempt()
    assert case.follow_ups.count() == 0
    assert case.services.count() == 0


def test_outsider_pages_show_no_identity_and_refuse_case_work(client, case, outsider):
    client.force_login(outsider)
    page = client.get(reverse("people:case", args=[case.pk]))
    assert page.status_code == 200
    body = page.content.decode()
    assert case.person.code in body and NAME not in body
    assert page.context["glass_form"] is not None  # break-glass is offered instead
    assert not AccessLog.objects.exists()
    posted = client.post(reverse("people:follow_up", args=[case.pk]), {"due_on": "2030-01-01"})
    assert posted.status_code == 403
    assert case.follow_ups.count() == 0
    for name in ("identity_edit", "consent", "assess", "close", "transfer", "request_create"):
        assert client.get(reverse(f"people:{name}", args=[case.pk])).status_code == 403, name
    assert NAME not in client.get(reverse("people:person", args=[case.person.pk])).content.decode()


def test_outsider_gets_no_identity_and_no_case_work_from_the_api(case, outsider):
    detail = api.get(f"/people/{case.person.pk}", user=outsider)
    assert detail.status_code == 200 and detail.json()["identity"] is None
    refused = api.post(f"/cases/{case.pk}/follow-ups", json={"due_on": "2030-01-01"}, user=outsider)
    assert refused.status_code == 403 and refused.json()["detail"]
    assert case.follow_ups.count() == 0
    glass = api.post(
        f"/people/{case.person.pk}/break-glass",
        json={"reason": "Người này gọi đường dây nóng xin giúp đỡ khẩn cấp"},
        user=outsider,
    )
    assert glass.status_code == 200 and glass.json()["identity"]["full_name"] == NAME


def test_a_member_assigns_a_colleague_of_the_team_who_then_works_the_case(
    case, cast, colleague, client
):
    worker = cast.in_commune["case_worker"]
    with pytest.raises(PermissionDenied):  # nobody assigns themselves from outside
        actions.assign_member(colleague, case, colleague)
    actions.assign_member(worker, case, colleague)
    assert set(case.members.all()) == {worker, colleague}
    event = case.events.get(action=CaseEvent.Action.ASSIGNED)
    assert (event.user, event.member) == (worker, colleague)
    assert Change.objects.filter(object_id=case.pk, note__contains="assigned").exists()
    assert identity.read_identity(colleague, case.person)["full_name"] == NAME
    # Only case workers of the team's own agency can be assigned.
    with pytest.raises(Exception) as refused:
        actions.assign_member(worker, case, cast.inside["case_worker"])
    assert refused.type.__name__ == "ValidationError"
    # The case page offers the form to members; removing goes through it too.
    client.force_login(worker)
    page = client.get(reverse("people:case", args=[case.pk]))
    assert page.context["can_assign"] and "assign" in page.content.decode()
    client.post(
        reverse("people:assign", args=[case.pk]), {"member": colleague.pk, "action": "remove"}
    )
    assert list(case.members.all()) == [worker]
    assert case.events.filter(action=CaseEvent.Action.UNASSIGNED).exists()
    with pytest.raises(PermissionDenied):
        identity.read_identity(colleague, case.person)


def test_a_transfer_replaces_the_members(case, cast, other_commune_of_other_province):
    worker = cast.in_commune["case_worker"]
    consent(case, worker, Purpose.SHARING, agency=cast.other_agency)
    actions.transfer_case(worker, case, cast.other_agency, other_commune_of_other_province)
    assert list(case.members.all()) == [cast.outside["case_worker"]]
    with pytest.raises(PermissionDenied):
        actions.add_follow_up(worker, case, datetime.date(2030, 1, 1))

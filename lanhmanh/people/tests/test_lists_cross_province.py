"""Issue 19, cross-check: another province's people never appear in any people list,
search or API list (their codes are absent, whatever the status code)."""

import pytest
from django.urls import reverse
from ninja.testing import TestClient

from lanhmanh.people import rights
from lanhmanh.people.api import router
from lanhmanh.people.models import RequestKind

api = TestClient(router)


@pytest.mark.parametrize("role", ["case_worker", "coordinator"])
def test_nghe_an_lists_never_show_ha_tinh(client, cast, case, ha_tinh_case, role):
    rights.receive_request(cast.outside["case_worker"], ha_tinh_case.person, RequestKind.ACCESS)
    user = cast.inside[role]
    client.force_login(user)
    code = ha_tinh_case.person.code
    pages = [
        client.get(reverse("people:list")),
        client.get(reverse("people:requests")),
        client.get(reverse("people:referrals")),
        client.get(reverse("people:access_review")),
        client.post(reverse("people:find"), {"id_number": "042190005555"}),
    ]
    for page in pages:
        assert code not in page.content.decode(), page.request["PATH_INFO"]
    searched = client.get(reverse("people:list") + f"?code={code}")
    assert list(searched.context["page"].object_list) == []
    mine = client.get(reverse("people:list")).content.decode()
    assert case.person.code in mine  # the lists are not simply empty
    for url in ("/people", "/cases", "/cases?status=open"):
        body = api.get(url, user=user).content.decode()
        assert code not in body, url
    assert case.person.code in api.get("/people", user=user).content.decode()
    assert api.get(f"/people/{ha_tinh_case.person.pk}", user=user).status_code == 404

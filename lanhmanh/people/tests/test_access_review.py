"""Issue 19: break-glass reads are listed for the coordinator's review (who, when, why)."""

from django.urls import reverse

from lanhmanh.people import identity

REASON = "Nhà tạm lánh báo có bạo lực, cần liên hệ ngay"


def test_coordinator_reviews_the_break_glass_reads_of_the_area(client, cast, case, ha_tinh_case):
    reader = cast.inside["case_worker"]
    identity.read_identity(reader, case.person, REASON, break_glass=True)
    identity.read_identity(
        cast.outside["coordinator"],
        ha_tinh_case.person,
        "Công an Hà Tĩnh đề nghị xác minh gấp",
        break_glass=True,
    )
    identity.read_identity(cast.in_commune["case_worker"], case.person, "case work")
    client.force_login(cast.inside["coordinator"])
    page = client.get(reverse("people:access_review"))
    assert page.status_code == 200
    body = page.content.decode()
    assert REASON in body and case.person.code in body and reader.username in body
    assert ha_tinh_case.person.code not in body and "Hà Tĩnh đề nghị" not in body
    assert len(page.context["page"].object_list) == 1  # the team's own reads are not listed
    assert "no-store" in page["Cache-Control"]
    client.force_login(cast.inside["case_worker"])
    assert client.get(reverse("people:access_review")).status_code == 403

"""Finding 3 of issue 19: repeat records are looked for only among the people with cases
in the acting user's area; another province's person code never shows (a transfer is the
only door across provinces)."""

from django.urls import reverse

from lanhmanh.people import actions
from lanhmanh.people.models import DuplicateFlag
from lanhmanh.people.testing import make_case


def test_intake_in_nghe_an_does_not_flag_a_person_of_ha_tinh(cast, ha_tinh_case, client):
    same_id = make_case(cast, full_name="Người Khác Hẳn", id_number="042190005555")
    same_name = make_case(
        cast, full_name="Lê Thị Hà Tĩnh", id_number="040190007777", birth_date="1991"
    )
    assert not DuplicateFlag.objects.filter(person__in=[same_id.person, same_name.person]).exists()
    client.force_login(cast.in_commune["case_worker"])
    body = client.get(reverse("people:list")).content.decode()
    assert ha_tinh_case.person.code not in body


def test_identity_correction_does_not_flag_a_person_of_ha_tinh(cast, case, ha_tinh_case):
    actions.update_identity(cast.in_commune["case_worker"], case.person, id_number="042190005555")
    assert not DuplicateFlag.objects.filter(other=ha_tinh_case.person).exists()


def test_find_does_not_reach_ha_tinh(cast, ha_tinh_case, client):
    client.force_login(cast.in_commune["case_worker"])
    found = client.post(reverse("people:find"), {"id_number": "042190005555"})
    assert found.context["matches"] == []
    assert ha_tinh_case.person.code not in found.content.decode()


def test_a_repeat_record_in_the_area_is_still_flagged(cast, case):
    again = make_case(cast, full_name="Nguyễn T. Khác", id_number="040190001234")
    assert DuplicateFlag.objects.get(person=again.person).other == case.person

"""``lanhmanh rotate-key`` leaves every record readable under the new key alone."""

import io

import pytest
from django.conf import settings
from django.core.management import call_command

from lanhmanh import crypto
from lanhmanh.people import actions, identity
from lanhmanh.people.models import DuplicateFlag, Person
from lanhmanh.people.testing import FAKE, make_case
from lanhmanh.tips import crypto as tip_crypto
from lanhmanh.tips.models import Tip


@pytest.fixture
def keys_in_var(tmp_path, settings, monkeypatch):
    monkeypatch.delenv("LANHMANH_DATA_KEYS", raising=False)
    settings.VAR_DIR = tmp_path
    first = crypto.new_key()
    (tmp_path / "data_keys").write_text(first + "\n")
    settings.DATA_KEYS = [first]
    return tmp_path / "data_keys"


def _tip(cast, token):
    return Tip.objects.create(
        channel="hotline",
        commune=cast.commune,
        category="other",
        content="Nội dung thử nghiệm đủ dài để lưu.",
        sender_contact=token,
    )


def test_rotate_key_keeps_everything_readable(cast, keys_in_var):
    old = list(settings.DATA_KEYS)
    case = make_case(cast)
    person = case.person
    hashes_before = (person.id_hash, person.name_year_hash)
    old_tip = _tip(cast, tip_crypto.encrypt_old('{"name": "Người gửi", "phone": "0900"}'))
    new_tip = _tip(cast, tip_crypto.encrypt('{"name": "Người khác", "phone": "0911"}'))
    out = io.StringIO()
    call_command("rotate_key", stdout=out)
    assert "1 people and 2 tip contacts" in out.getvalue()
    new = keys_in_var.read_text().split()
    assert len(new) == 1 and new != old and new == settings.DATA_KEYS
    person = Person.objects.get(pk=person.pk)
    assert identity.decrypt_identity(person)["full_name"] == FAKE["full_name"]
    assert crypto.decrypt(person.full_name_enc, old) is None  # the old key opens nothing
    assert (person.id_hash, person.name_year_hash) != hashes_before
    assert Tip.objects.get(pk=old_tip.pk).read_contact()["phone"] == "0900"
    assert Tip.objects.get(pk=new_tip.pk).read_contact()["phone"] == "0911"
    assert Tip.objects.get(pk=old_tip.pk).sender_contact.startswith("k1:")
    # Hashes were recomputed: a repeat record is still found.
    other = make_case(cast, full_name="Ai Khác", id_number=FAKE["id_number"])
    assert DuplicateFlag.objects.filter(person=other.person, other=person).exists()
    worker = cast.in_commune["case_worker"]
    actions.update_identity(worker, person, phone="0900 111 222")
    assert identity.read_identity(worker, person)["phone"] == "0900 111 222"


def test_rotation_stops_and_changes_nothing_when_a_value_cannot_be_opened(cast, keys_in_var):
    case = make_case(cast)
    stranger = crypto.encrypt("x", [crypto.new_key()])
    Person.objects.filter(pk=case.person.pk).update(phone_enc=stranger)
    before = keys_in_var.read_text()
    from django.core.management.base import CommandError

    with pytest.raises(CommandError):
        call_command("rotate_key", stdout=io.StringIO())
    assert keys_in_var.read_text() == before
    assert Person.objects.get(pk=case.person.pk).full_name_enc == case.person.full_name_enc


def test_keys_from_the_environment_print_the_new_value(cast, settings, monkeypatch):
    key = crypto.new_key()
    monkeypatch.setenv("LANHMANH_DATA_KEYS", key)
    settings.DATA_KEYS = [key]
    make_case(cast)
    out = io.StringIO()
    call_command("rotate_key", stdout=out)
    line = next(x for x in out.getvalue().splitlines() if x.startswith("LANHMANH_DATA_KEYS="))
    new = line.split("=", 1)[1]
    assert new != key and crypto.decrypt(Person.objects.get().full_name_enc, [new])

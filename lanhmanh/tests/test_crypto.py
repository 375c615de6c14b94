import pytest
from cryptography.fernet import Fernet, InvalidToken

from lanhmanh import crypto


@pytest.fixture
def keys(settings):
    settings.DATA_KEYS = [Fernet.generate_key().decode()]
    return settings


def test_round_trip_and_no_plaintext(keys):
    token = crypto.encrypt("Nguyễn Thị Mẫu")
    assert token.startswith("k1:") and "Nguy" not in token
    assert token != crypto.encrypt("Nguyễn Thị Mẫu")
    assert crypto.decrypt(token) == "Nguyễn Thị Mẫu"
    assert crypto.encrypt("") == "" and crypto.decrypt("") == ""


def test_rotation_keeps_old_values_readable(keys):
    old = crypto.encrypt("001234567890")
    keys.DATA_KEYS = [crypto.new_key(), *keys.DATA_KEYS]
    assert crypto.decrypt(old) == "001234567890"
    rotated = crypto.reencrypt(old)
    keys.DATA_KEYS = keys.DATA_KEYS[:1]
    assert crypto.decrypt(rotated) == "001234567890"
    assert crypto.decrypt(old) is None


def test_unreadable_or_foreign_tokens(keys):
    assert crypto.decrypt("k1:garbage") is None
    assert crypto.decrypt("plain text") is None
    with pytest.raises(InvalidToken):
        crypto.reencrypt("k1:garbage")


def test_keyed_hash_is_stable_normalised_and_purpose_bound(keys):
    a = crypto.keyed_hash("person.id_number", " 0012 ")
    assert a == crypto.keyed_hash("person.id_number", "0012")
    assert crypto.keyed_hash("person.name", "Lê  THỊ b") == crypto.keyed_hash(
        "person.name", "lê thị B"
    )
    assert a != crypto.keyed_hash("person.name", "0012")
    assert "0012" not in a and len(a) == 64
    keys.DATA_KEYS = [crypto.new_key()]
    assert a != crypto.keyed_hash("person.id_number", "0012")
    assert crypto.keyed_hash("x", "") == ""

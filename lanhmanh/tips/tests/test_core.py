import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import connection
from django.test import override_settings

from lanhmanh.tips import actions, crypto, indicators
from lanhmanh.tips.models import (
    REFERENCE_ALPHABET,
    Category,
    Outcome,
    SenderContactView,
    Status,
    Tip,
    TipEvent,
    deadline_for,
)

from .conftest import CONTENT, EMAIL, NAME, PHONE, at, commune_of

pytestmark = pytest.mark.django_db


def test_reference_is_unambiguous_and_unique(make_tip):
    codes = {make_tip().reference for _ in range(5)}
    assert len(codes) == 5
    for code in codes:
        assert len(code) == 10 and set(code) <= set(REFERENCE_ALPHABET)
        assert not set(code) & set("0O1I")


def test_contact_is_encrypted_at_rest(make_tip):
    tip = make_tip(contact={"name": NAME, "phone": PHONE, "email": EMAIL})
    with connection.cursor() as cursor:
        cursor.execute("SELECT * FROM tips_tip WHERE id = %s", [tip.pk])
        raw = " ".join(str(value) for value in cursor.fetchone())
    assert PHONE not in raw and NAME not in raw and EMAIL not in raw
    assert "Người" not in raw and "0912" not in raw
    assert tip.sender_contact.startswith("k1:")  # under the data keys (lanhmanh.crypto)
    assert Tip.objects.get(pk=tip.pk).read_contact() == {
        "name": NAME,
        "phone": PHONE,
        "email": EMAIL,
    }


def test_anonymous_tip_has_no_contact(make_tip):
    tip = make_tip(contact={"name": " ", "phone": "", "email": ""})
    assert not tip.has_contact and tip.sender_contact == "" and tip.read_contact() is None


def test_crypto_round_trip_tamper_and_rotation():
    token = crypto.encrypt("0912 345 678")
    assert token != crypto.encrypt("0912 345 678")  # a fresh nonce each time
    assert crypto.decrypt(token) == "0912 345 678"
    scheme, _sep, body = token.partition(":")
    tampered = f"{scheme}:{body[:-6]}AAAAAA" if not body.endswith("AAAAAA") else token[:-1]
    assert crypto.decrypt(tampered) is None
    from lanhmanh.crypto import new_key

    with override_settings(DATA_KEYS=[new_key()]):
        assert crypto.decrypt(token) is None
    with override_settings(DATA_KEYS=[new_key(), *_data_keys()]):
        assert crypto.decrypt(token) == "0912 345 678"


def test_old_tokens_from_the_secret_key_still_read():
    token = crypto.encrypt_old("0912 345 678")
    assert token.startswith("f1:")
    assert crypto.decrypt(token) == "0912 345 678"
    new_key = "a-rotated-secret-key-" + "y" * 40
    with override_settings(SECRET_KEY=new_key, SECRET_KEY_FALLBACKS=[_current_key()]):
        assert crypto.decrypt(token) == "0912 345 678"
    with override_settings(SECRET_KEY=new_key):
        assert crypto.decrypt(token) is None


def _data_keys():
    from django.conf import settings

    return settings.DATA_KEYS


def _current_key():
    from django.conf import settings

    return settings.SECRET_KEY


def test_receive_validates_everything(cast):
    with pytest.raises(ValidationError) as info:
        actions.receive_tip(
            None,
            channel="fax",
            commune=cast.province,
            category="nope",
            content="short",
            contact={"phone": "call me maybe", "email": "not-an-email"},
        )
    assert len(info.value.messages) == 6
    assert not Tip.objects.exists()


def test_transitions_write_history_and_logs_hold_no_content(cast, make_tip, caplog):
    police = cast.inside["police"]
    with caplog.at_level("INFO", logger="lanhmanh.audit"):
        tip = make_tip(contact={"name": NAME, "phone": PHONE})
        with pytest.raises(ValidationError):
            actions.start_verification(police, tip)  # not assigned yet
        with pytest.raises(ValidationError):
            actions.close_tip(police, tip, Outcome.UNFOUNDED, "Không có cơ sở")
        actions.assign_tip(police, tip, cast.province_agency)
        with pytest.raises(ValidationError):
            actions.assign_tip(police, tip, cast.other_agency)  # does not cover the commune
        actions.start_verification(police, tip, note="Đã cử tổ xác minh")
        with pytest.raises(ValidationError):
            actions.close_tip(police, tip, Outcome.CRIME, "")
        actions.close_tip(police, tip, Outcome.CRIME, "Chuyển cơ quan điều tra")
        with pytest.raises(ValidationError):
            actions.assign_tip(police, tip, cast.commune_agency)
    tip.refresh_from_db()
    assert tip.status == Status.HANDLED and tip.outcome == Outcome.CRIME and tip.on_time
    assert list(tip.events.values_list("action", flat=True)) == [
        TipEvent.Action.RECEIVED,
        TipEvent.Action.ASSIGNED,
        TipEvent.Action.VERIFYING,
        TipEvent.Action.CLOSED,
    ]
    logged = caplog.text
    assert f"tip={tip.pk}" in logged
    for secret in (PHONE, NAME, CONTENT[:20], "karaoke"):
        assert secret not in logged


def test_deadline_default_and_per_category(cast, make_tip):
    received = at(datetime.date(2026, 3, 1))
    tip = make_tip(received_at=received)
    assert tip.deadline == datetime.date(2026, 3, 31)
    assert deadline_for(Category.TRAFFICKING, received) == datetime.date(2026, 3, 21)
    with override_settings(TIP_HANDLING_DAYS={Category.PROSTITUTION: 10}):
        assert make_tip(received_at=received).deadline == datetime.date(2026, 3, 11)


def _handle(cast, tip, closed_on):
    police = cast.inside["police"]
    actions.assign_tip(police, tip, cast.province_agency)
    actions.start_verification(police, tip, at=at(closed_on, 8))
    return actions.close_tip(police, tip, Outcome.UNFOUNDED, "Không có cơ sở", at=at(closed_on))


def test_on_time_and_late(cast, make_tip):
    received = at(datetime.date(2026, 3, 1))
    on_deadline = _handle(cast, make_tip(received_at=received), datetime.date(2026, 3, 31))
    late = _handle(cast, make_tip(received_at=received), datetime.date(2026, 4, 1))
    open_late = make_tip(received_at=received)
    assert on_deadline.on_time is True
    assert late.on_time is False
    assert open_late.is_overdue and open_late.on_time is False
    assert Tip.objects.overdue().get() == open_late


def test_indicator_arithmetic(cast, make_tip):
    other_commune = commune_of(cast.province, exclude=cast.commune)
    hatinh = commune_of(cast.other_province)
    march = at(datetime.date(2026, 3, 10))
    _handle(cast, make_tip(received_at=march), datetime.date(2026, 3, 20))  # on time
    _handle(cast, make_tip(received_at=march), datetime.date(2026, 5, 1))  # late
    make_tip(received_at=march, commune=other_commune)  # open
    _handle(cast, make_tip(received_at=at(datetime.date(2026, 1, 5))), datetime.date(2026, 1, 6))
    make_tip(received_at=march, commune=hatinh)  # outside the province
    q1 = (datetime.date(2026, 3, 1), datetime.date(2026, 3, 31))
    province = {cast.province.pk}
    assert indicators.received(province, *q1) == 3
    assert indicators.handled_on_time(province, *q1) == 1
    assert indicators.on_time_share(province, *q1) == pytest.approx(100 / 3)
    assert indicators.received({cast.commune.pk}, *q1) == 2
    assert indicators.on_time_share({cast.commune.pk}, *q1) == 50.0
    year = (datetime.date(2026, 1, 1), datetime.date(2026, 12, 31))
    assert indicators.received(province, *year) == 4
    assert indicators.handled_on_time(province, *year) == 2
    assert indicators.received({cast.other_province.pk}, *year) == 1
    assert indicators.on_time_share({cast.other_province.pk}, *q1[:1], q1[0]) is None


def test_reveal_only_for_the_handling_agency_and_logged(cast, make_tip):
    tip = make_tip(contact={"phone": PHONE})
    police_in, police_commune = cast.inside["police"], cast.in_commune["police"]
    with pytest.raises(PermissionDenied):
        actions.reveal_contact(police_in, tip, "Cần liên hệ")  # not assigned to anyone
    actions.assign_tip(police_in, tip, cast.commune_agency)
    with pytest.raises(PermissionDenied):
        actions.reveal_contact(police_in, tip, "Cần liên hệ")
    with pytest.raises(ValidationError):
        actions.reveal_contact(police_commune, tip, " ")
    assert actions.reveal_contact(police_commune, tip, "Cần liên hệ")["phone"] == PHONE
    view = SenderContactView.objects.get()
    assert (view.tip, view.user, view.reason) == (tip, police_commune, "Cần liên hệ")

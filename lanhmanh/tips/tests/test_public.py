import pytest
from django.test import Client, override_settings

from lanhmanh.tips import actions
from lanhmanh.tips.models import Channel, Outcome, Status, Tip

from .conftest import CONTENT, PHONE

pytestmark = pytest.mark.django_db
URL = "/tips/report/"


@pytest.fixture
def client():
    return Client(enforce_csrf_checks=True)


def csrf(client, url):
    client.get(url)
    return client.cookies["csrftoken"].value


def post_tip(client, province, place, **extra):
    url = f"{URL}?province={province.pk}"
    data = {
        "csrfmiddlewaretoken": csrf(client, url),
        "province": province.pk,
        "commune": place.pk,
        "category": "prostitution",
        "content": CONTENT,
        **extra,
    }
    return client.post(url, data)


def test_province_step_then_form(client, cast):
    first = client.get(URL)
    assert first.status_code == 200 and 'name="province"' in first.text
    assert 'name="content"' not in first.text
    second = client.get(URL, {"province": cast.province.pk})
    assert 'name="commune"' in second.text and cast.commune.name in second.text
    assert cast.other_province.name not in second.text.split('name="commune"')[1]


def test_anonymous_tip_gets_a_reference(client, cast):
    response = post_tip(client, cast.province, cast.commune)
    assert response.status_code == 200
    tip = Tip.objects.get()
    assert tip.reference in response.text
    assert tip.channel == Channel.WEB and tip.created_by is None and not tip.has_contact
    assert "no-store" in response["Cache-Control"]


def test_contact_is_kept_encrypted(client, cast):
    post_tip(client, cast.province, cast.commune, sender_phone=PHONE, sender_name="Ẩn danh A")
    tip = Tip.objects.get()
    assert tip.has_contact and PHONE not in tip.sender_contact


def test_csrf_is_required(cast):
    response = Client(enforce_csrf_checks=True).post(
        f"{URL}?province={cast.province.pk}",
        {"province": cast.province.pk, "commune": cast.commune.pk, "content": CONTENT},
    )
    assert response.status_code == 403 and not Tip.objects.exists()


@pytest.mark.parametrize(
    "change, field",
    [
        ({"content": "quá ngắn"}, "content"),
        ({"content": "x" * 5001}, "content"),
        ({"category": "spam"}, "category"),
        ({"sender_email": "not-an-email"}, "sender_email"),
        ({"commune": "999999999"}, "commune"),
    ],
)
def test_bad_input_shows_field_errors_and_saves_nothing(client, cast, change, field):
    response = post_tip(client, cast.province, cast.commune, **change)
    assert response.status_code == 400
    assert f'id="id_{field}_error"' in response.text
    assert not Tip.objects.exists()


def test_commune_of_another_province_is_refused(client, cast):
    from .conftest import commune_of

    response = post_tip(client, cast.province, commune_of(cast.other_province))
    assert response.status_code == 400 and not Tip.objects.exists()


def test_rate_limit_answers_429(client, cast):
    for _ in range(5):
        assert post_tip(client, cast.province, cast.commune).status_code == 200
    blocked = post_tip(client, cast.province, cast.commune)
    assert blocked.status_code == 429
    assert Tip.objects.count() == 5
    other = Client(enforce_csrf_checks=True, REMOTE_ADDR="203.0.113.9")
    assert post_tip(other, cast.province, cast.commune).status_code == 200


def _status(client, code):
    url = "/tips/status/"
    return client.post(url, {"csrfmiddlewaretoken": csrf(client, url), "code": code})


def test_status_shows_only_the_label(client, cast, make_tip):
    police = cast.inside["police"]
    tip = make_tip(contact={"phone": PHONE})
    page = _status(client, tip.reference.lower()[:5] + "-" + tip.reference[5:])
    assert page.status_code == 200 and str(Status.RECEIVED.label) in page.text
    actions.assign_tip(police, tip, cast.province_agency, note="Giao Công an tỉnh")
    actions.start_verification(police, tip)
    assert str(Status.VERIFYING.label) in _status(client, tip.reference).text
    actions.close_tip(police, tip, Outcome.HOTSPOT, "Triệt phá tụ điểm")
    handled = _status(client, tip.reference).text
    assert str(Status.HANDLED.label) in handled
    for detail in (
        CONTENT[:20],
        PHONE,
        cast.commune.name,
        cast.province_agency.name,
        "Triệt phá",
        str(Outcome.HOTSPOT.label),
        tip.deadline.strftime("%d/%m/%Y"),
    ):
        assert detail not in handled


def test_unknown_codes_get_one_neutral_answer(client, make_tip):
    make_tip()
    answers = {
        _status(client, code).text.split('role="status"')[1].split("</div>")[0]
        for code in ("ABCDEFGHJK", "zzzz", "'; drop table")
    }
    assert len(answers) == 1
    assert str(Status.RECEIVED.label) not in answers.pop()


@override_settings(TIP_RATE_LIMITS={"status": (3, 3600)})
def test_status_is_rate_limited(client, make_tip):
    code = make_tip().reference
    for _ in range(3):
        assert _status(client, code).status_code == 200
    assert _status(client, code).status_code == 429

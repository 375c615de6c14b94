"""Point 9 of issue 19: a break-glass reason is real words, not "aaaaaaaaaa"."""

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import translation

from lanhmanh.audit.models import AccessLog
from lanhmanh.people import identity
from lanhmanh.people.reasons import is_real_reason


@pytest.mark.parametrize(
    "reason",
    [
        "Người này gọi đường dây nóng xin giúp đỡ",
        "Công an đề nghị xác minh người mất tích",
        "Report of violence at the shelter",
        "Cần liên hệ gấp vì ở nhà tạm lánh có bạo lực",
    ],
)
def test_real_reasons_pass(reason):
    assert is_real_reason(reason)


@pytest.mark.parametrize(
    "reason",
    [
        "",
        "aaaaaaaaaa",
        "aaaaaaaaaaaaaaaaaaaaaaaaa",
        "aaa aaa aaa aaa aaa",
        "aaaa bbbb cccc dddd",
        "xem xem xem xem xem",
        "asdf qwrt zxcv bnmk",
        "1234567890 1234567890",
        "cần xem",  # two words
        "ab cd ef",  # too short
        "!!!! ???? .... ,,,,",
    ],
)
def test_gibberish_fails(reason):
    assert not is_real_reason(reason)


def test_read_identity_refuses_gibberish_with_a_field_error(cast):
    from lanhmanh.people.testing import make_case

    case = make_case(cast)
    with pytest.raises(ValidationError) as refused:
        identity.read_identity(
            cast.inside["coordinator"], case.person, "aaaaaaaaaa", break_glass=True
        )
    assert "reason" in refused.value.message_dict
    assert not AccessLog.objects.exists()


def test_the_page_says_why_in_vietnamese(client, cast):
    from lanhmanh.people.testing import make_case

    case = make_case(cast)
    client.force_login(cast.inside["coordinator"])
    with translation.override("vi"):
        page = client.post(
            reverse("people:case", args=[case.pk]),
            {"reason": "aaaaaaaaaa"},
            headers={"accept-language": "vi"},
        )
    errors = page.context["glass_form"].errors["reason"]
    assert any("lý do" in e for e in errors), errors
    assert not AccessLog.objects.exists()

"""Fuzzing the plan extraction engine: whatever the text or file, either a one-line
refusal or a plan that keeps the ``lanhmanh.plan/v1`` contract — never a crash."""

from __future__ import annotations

import pytest
from hypothesis import example, given
from hypothesis import strategies as st

from lanhmanh.plans.actions import ImportRefused, read_plan_file
from lanhmanh.plans.extraction import extract_text
from lanhmanh.plans.extraction.errors import ExtractionError

from .fuzzing import BASES, fuzz_settings, plan_like_text
from .planv1 import problems


def _check_text(text: str):
    try:
        plan = extract_text(text, "fuzz.txt")
    except ExtractionError as exc:
        message = str(exc)
        assert message and "\n" not in message, repr(message)
        return
    assert problems(plan) == [], (problems(plan), text[:500])


@fuzz_settings(150)
@given(st.text(max_size=3000))
@example("\x00")
@example("Số: /\nngày 31 tháng 02 năm 2024")
def test_any_text_gives_a_valid_plan_or_a_clear_refusal(text):
    _check_text(text)


@fuzz_settings(250)
@given(plan_like_text())
def test_plan_like_text_gives_a_valid_plan_or_a_clear_refusal(text):
    _check_text(text)


@fuzz_settings(60)
@given(
    st.sampled_from([".txt", ".md", ".docx", ".pdf", ".doc", ".exe", ""]),
    st.one_of(
        st.binary(max_size=4000),
        plan_like_text().map(lambda t: t.encode("utf-8")),
        plan_like_text().map(lambda t: t.encode("utf-16")),
        st.sampled_from(
            [
                b"PK\x03\x04" + b"\x00" * 100,  # a zip header and nothing else
                b"%PDF-1.4\n1 0 obj\n<< /Type /Catalog >>\nendobj\ntrailer\n<<>>\n%%EOF",
                b"\xef\xbb\xbf",
            ]
        ),
    ),
)
def test_any_uploaded_file_gives_a_valid_plan_or_a_clear_refusal(suffix, data):
    try:
        plan, _text, _spans = read_plan_file(f"ke-hoach{suffix}", data)
    except ImportRefused as exc:
        message = " ".join(str(m) for m in exc.messages) if hasattr(exc, "messages") else str(exc)
        assert message.strip() and "Traceback" not in message
        return
    assert problems(plan) == []


def test_the_checker_catches_a_broken_plan():
    """The contract checker is not a rubber stamp."""
    plan = extract_text("\n".join(BASES[0]))
    assert problems(plan) == []
    broken = {**plan, "targets": [{"text": "x", "kind": "money", "op": "ge", "value": "5"}]}
    assert "targets[0].kind" in problems(broken)
    assert "targets[0].value" in problems(broken)
    with pytest.raises(AssertionError):
        _check_text_with(broken)


def _check_text_with(plan):
    assert problems(plan) == []

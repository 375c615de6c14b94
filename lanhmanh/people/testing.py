"""Helpers for the people tests (invented people only)."""

from __future__ import annotations

import datetime

from django.utils import timezone

from . import actions
from .models import ConsentMethod, Group, Purpose

FAKE = {
    "full_name": "Nguyễn Thị Thử Nghiệm",
    "id_number": "040190001234",
    "birth_date": "1990-05-17",
    "phone": "0912 000 111",
    "address": "Số 1 ngõ Thử Nghiệm",
}


def make_case(cast, worker=None, **overrides):
    worker = worker or cast.in_commune["case_worker"]
    data = {**FAKE, **overrides}
    return actions.intake(
        worker,
        commune=data.pop("commune", cast.commune),
        groups=data.pop("groups", [Group.SELLS_SEX]),
        **data,
    )


def consent(case, worker, purpose=Purpose.CASE_MANAGEMENT, agency=None, days_ago=1):
    return actions.record_consent(
        worker,
        case,
        purpose=purpose,
        agency=agency,
        given_on=timezone.localdate() - datetime.timedelta(days=days_ago),
        method=ConsentMethod.WRITTEN,
    )

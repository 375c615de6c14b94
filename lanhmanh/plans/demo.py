"""The demo plan's timetable of tasks, as the coordinator types the plan's annex in on its
review screen, and where the lead agencies stand: some done, some in progress, some late.
Invented results; deadlines counted from today so that the demo always shows late ones."""

from __future__ import annotations

import datetime

from django.contrib.auth import get_user_model
from django.utils import timezone

from . import actions
from .models import Plan, PlanStatus, Task, TaskAgency, TaskRole
from .queries import addressees, get_progress_for_user

# (task, the demo user of the lead agency, deadline in months from today, status, result)
TASKS = [
    (
        "Tổ chức 06 hội nghị tập huấn nghiệp vụ cho cán bộ làm công tác phòng, chống mại dâm",
        "coordinator",
        -4,
        "done",
        "Đã tổ chức 06 hội nghị, 412 lượt cán bộ cấp xã tham dự",
    ),
    (
        "Tuyên truyền trên hệ thống truyền thanh cơ sở phường Trường Vinh",
        "reporter",
        1,
        "in_progress",
        "Đã phát 31 tin, bài",
    ),
    (
        "Kiểm tra đột xuất các cơ sở karaoke, xoa bóp, lưu trú",
        "inspector",
        -1,
        "in_progress",
        "Đã kiểm tra 64/120 cơ sở",
    ),
    ("Đấu tranh, triệt phá các tụ điểm mại dâm", "police", -2, None, ""),
    (
        "Xây dựng mới 03 mô hình hỗ trợ người bán dâm tại cộng đồng",
        "caseworker",
        1,
        "in_progress",
        "Đã thành lập 01 mô hình tại phường Trường Vinh",
    ),
]


def _month(today: datetime.date, shift: int) -> datetime.date:
    index = today.year * 12 + today.month - 1 + shift
    return datetime.date(index // 12, index % 12 + 1, 1)


def load_demo_tasks(today: datetime.date | None = None) -> int:
    """Tasks of the 2026 provincial plan and their lead agencies' statuses; once."""
    plan = Plan.objects.filter(
        source_filename="ke-hoach-tinh-2026.docx", status=PlanStatus.ACTIVE
    ).first()
    if plan is None or plan.tasks.exists():
        return 0
    today = today or timezone.localdate()
    users = {u.username: u for u in get_user_model().objects.filter(username__in=_usernames())}
    for order, (title, username, offset, status, result) in enumerate(TASKS):
        user = users[username]
        agency = user.memberships.order_by("pk").first().agency
        task = Task.objects.create(
            plan=plan,
            order=order,
            section="III",
            title=title,
            start_month=_month(today, offset - 3),
            # Within the plan's year: a task is not scheduled past the plan's end.
            end_month=min(_month(today, offset), datetime.date(plan.last_year, 12, 1)),
        )
        TaskAgency.objects.create(task=task, role=TaskRole.LEAD, name=agency.name, agency=agency)
        if status:
            progress = get_progress_for_user(user, "task", task.pk, agency.pk, "task.update")
            actions.update_progress(user, progress, status=status, result=result)
    _kind_duty_progress(plan, users["reporter"])
    return len(TASKS)


# What the commune of the demo's reporting officer says of the duties the plan gives to
# every commune ("Ủy ban nhân dân các xã, phường"); the other communes have said nothing.
KIND_DUTY_RESULT = "Đã ban hành kế hoạch của phường, tổ chức 02 buổi tuyên truyền tại tổ dân phố"


def _kind_duty_progress(plan: Plan, user) -> None:
    agency = user.memberships.order_by("pk").first().agency
    for duty in plan.duties.filter(agency__isnull=True).exclude(addressee_kind=""):
        if not addressees([duty], agency_ids=[agency.pk]).get(duty.pk):
            continue
        progress = get_progress_for_user(user, "duty", duty.pk, agency.pk, "task.update")
        actions.update_progress(user, progress, status="in_progress", result=KIND_DUTY_RESULT)


def _usernames() -> set[str]:
    return {username for _t, username, _o, _s, _r in TASKS} | {"reporter"}

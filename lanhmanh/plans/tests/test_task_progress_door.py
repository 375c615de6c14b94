"""A task's status is said by its lead agency's working members, through the door, with
its history and an audit row; the coordinating office reads every one."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.http import Http404

from lanhmanh.agencies.roles import Role
from lanhmanh.audit.models import Change
from lanhmanh.plans import actions
from lanhmanh.plans.models import PlanStatus, Progress, ProgressEvent
from lanhmanh.plans.queries import get_progress_for_user

pytestmark = pytest.mark.django_db


def first_task(plan):
    return plan.tasks.order_by("order").first()


def progress_for(user, plan, cast, action="task.read"):
    return get_progress_for_user(
        user, "task", first_task(plan).pk, cast.commune_agency.pk, action=action
    )


def test_a_member_of_the_lead_agency_updates_and_history_is_kept(cast, tracked_plan):
    reporter = cast.in_commune[Role.REPORTER]
    progress = progress_for(reporter, tracked_plan, cast, "task.update")
    actions.update_progress(
        reporter, progress, status="in_progress", result="Đã tổ chức 01 hội nghị"
    )
    progress = progress_for(reporter, tracked_plan, cast, "task.update")
    actions.update_progress(
        reporter,
        progress,
        status="done",
        result="Đã tổ chức 02 hội nghị, 180 người tham dự",
        evidence="Báo cáo số 15/BC-UBND ngày 20/6",
        upload=SimpleUploadedFile("bien-ban.pdf", b"%PDF-1.4 minutes", "application/pdf"),
    )
    stored = Progress.objects.get()
    assert (stored.status, stored.updated_by) == ("done", reporter)
    assert stored.attachment_name == "bien-ban.pdf"
    events = list(ProgressEvent.objects.order_by("at", "pk"))
    # The first update made the row: nothing was recorded before it.
    assert [e.changes["status"] for e in events] == [[None, "in_progress"], ["in_progress", "done"]]
    assert all(e.by == reporter for e in events)
    assert Change.objects.filter(object_id=stored.pk, note="progress").count() == 2


@pytest.mark.parametrize("role", [Role.REPORTER, Role.COORDINATOR, Role.POLICE])
def test_another_agency_of_the_province_may_not_update(cast, tracked_plan, role):
    neighbour = cast.neighbours[role]
    with pytest.raises(PermissionDenied):
        progress_for(neighbour, tracked_plan, cast, "task.update")
    progress = Progress(task=first_task(tracked_plan), agency=cast.commune_agency)
    with pytest.raises(PermissionDenied):
        actions.update_progress(neighbour, progress, status="done")
    assert not Progress.objects.exists()


def test_the_province_coordinator_reads_but_does_not_update(cast, tracked_plan):
    coordinator = cast.inside[Role.COORDINATOR]
    assert progress_for(coordinator, tracked_plan, cast).agency == cast.commune_agency
    with pytest.raises(PermissionDenied):
        progress_for(coordinator, tracked_plan, cast, "task.update")


def test_a_viewer_of_the_lead_agency_reads_but_does_not_update(cast, tracked_plan):
    viewer = cast.in_commune[Role.VIEWER]
    progress_for(viewer, tracked_plan, cast)
    with pytest.raises(PermissionDenied):
        progress_for(viewer, tracked_plan, cast, "task.update")


def test_another_province_does_not_find_the_task(cast, tracked_plan):
    with pytest.raises(Http404):
        progress_for(cast.outside[Role.COORDINATOR], tracked_plan, cast)
    outsider = cast.outside[Role.REPORTER]
    progress = Progress(task=first_task(tracked_plan), agency=cast.commune_agency)
    with pytest.raises(PermissionDenied):
        actions.update_progress(outsider, progress, status="done")


def test_an_agency_that_does_not_lead_the_task_has_no_status_there(cast, tracked_plan):
    """The province's department is a partner of the first task, not its lead."""
    with pytest.raises(Http404):
        get_progress_for_user(
            cast.inside[Role.REPORTER], "task", first_task(tracked_plan).pk, cast.province_agency.pk
        )


def test_a_closed_plan_and_a_bad_file_are_refused_with_a_reason(cast, tracked_plan):
    reporter = cast.in_commune[Role.REPORTER]
    progress = progress_for(reporter, tracked_plan, cast, "task.update")
    bad = SimpleUploadedFile("run.exe", b"MZ", "application/octet-stream")
    with pytest.raises(ValidationError, match="exe"):
        actions.update_progress(reporter, progress, status="done", upload=bad)
    big = SimpleUploadedFile("big.pdf", b"x" * (10 * 1024 * 1024 + 1), "application/pdf")
    with pytest.raises(ValidationError):
        actions.update_progress(reporter, progress, status="done", upload=big)
    with pytest.raises(ValidationError):
        actions.update_progress(reporter, progress, status="late")
    tracked_plan.status = PlanStatus.CLOSED
    tracked_plan.save()
    progress = progress_for(reporter, tracked_plan, cast, "task.update")
    with pytest.raises(ValidationError):
        actions.update_progress(reporter, progress, status="done")
    assert not Progress.objects.exists()

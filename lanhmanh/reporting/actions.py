"""The reporting cycle: the calendar, the units' reports and their review, reminders."""

from __future__ import annotations

import logging
from dataclasses import dataclass
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _

from lanhmanh.agencies import policy
from lanhmanh.indicators.models import Indicator, Source
from lanhmanh.plans.models import Plan, PlanStatus
from lanhmanh.plans.queries import reporting_units

from .models import (
    ReportAttachment,
    ReportEvent,
    ReportingPeriod,
    ReportStatus,
    ReportValue,
    UnitReport,
)
from .queries import proposed_codes, register_values, report_indicators
from .validation import check_values

log = logging.getLogger("lanhmanh.audit")


class ReportConflict(ValidationError):
    """Somebody else saved the report after it was opened: nothing was overwritten."""


class ReportStateError(ValidationError):
    """The report is not in a state for this step (locked once submitted or approved,
    not yet submitted for a review): a conflict with its state, not a permission."""


# Calendar ------------------------------------------------------------------------


@transaction.atomic
def assign_indicators(plan: Plan) -> int:
    """Propose an indicator for every target without one, by rules on its text; the
    coordinator confirms or changes it on the plan's review screen."""
    from lanhmanh.indicators.proposals import propose_indicator

    known = set(Indicator.objects.values_list("code", flat=True))
    assigned = 0
    for target in plan.targets.filter(indicator_code=""):
        code = propose_indicator(target.text, target.kind)
        if code in known:
            target.indicator_code = code
            target.save(update_fields=["indicator_code"])
            assigned += 1
    return assigned


@transaction.atomic
def activate_plan(
    user, plan: Plan, create_missing_agencies: bool = False, historic: bool | None = None
) -> Plan:
    """Confirm the reviewed plan, then start its reporting: its targets get indicators and
    its calendar is built. All or nothing.

    A plan whose years are over (``historic`` None: read from its years) is kept as
    history: closed at once, with no calendar, so no report is expected of it, nothing
    is overdue and no reminder goes out; the coordinator may keep it active instead."""
    from lanhmanh.plans.actions import close_plan, confirm_plan

    confirm_plan(user, plan, create_missing_agencies=create_missing_agencies)
    assign_indicators(plan)
    if historic is None:
        historic = plan.is_over(timezone.localdate())
    if historic:
        close_plan(user, plan)
    else:
        build_calendar(plan)
    return plan


@transaction.atomic
def build_calendar(plan: Plan) -> list[ReportingPeriod]:
    """Periods (with due dates) from the plan's reporting rules, and a report expected
    from every reporting unit in each. Running it again adds only what is missing."""
    from .calendar import periods_for_rule

    if plan.status != PlanStatus.ACTIVE:
        raise ValidationError(_("Only an active plan has a reporting calendar."))
    units = reporting_units(plan)
    periods = []
    for rule in plan.reporting_rules.all():
        for spec in periods_for_rule(rule.frequency, rule.due_day, rule.due_month, plan.years):
            period, _created = ReportingPeriod.objects.get_or_create(
                plan=plan,
                key=spec.key,
                defaults={
                    "rule": rule,
                    "frequency": spec.frequency,
                    "start": spec.start,
                    "end": spec.end,
                    "due": spec.due,
                },
            )
            periods.append(period)
            existing = set(period.reports.values_list("agency_id", flat=True))
            UnitReport.objects.bulk_create(
                [UnitReport(period=period, agency=a) for a in units if a.pk not in existing]
            )
    return periods


# The indicators of a report -------------------------------------------------------


def prefill_computed(report: UnitReport) -> int:
    """Values the registers can compute are stored for the unit and locked: when the
    report is saved or submitted, never when it is only read."""
    values = register_values(report)
    for indicator_id, value in values.items():
        ReportValue.objects.update_or_create(
            report=report, indicator_id=indicator_id, defaults={"value": value, "computed": True}
        )
    return len(values)


@dataclass
class ValueInput:
    value: Decimal | None
    comment: str = ""


# The report's life -----------------------------------------------------------------


def _check_open(report: UnitReport) -> None:
    if report.is_locked:
        raise ReportStateError(_("This report is submitted or approved and cannot be changed."))


def _check_version(report: UnitReport, version: int) -> None:
    if report.version != version:
        raise ReportConflict(
            _(
                "Someone else saved this report while you were editing it. Your changes were "
                "not saved: reload the page to see theirs, then enter yours again."
            )
        )


def _bump(report: UnitReport, version: int, **fields) -> None:
    """Write only if nobody else wrote since ``version`` (compare-and-set in one UPDATE)."""
    updated = UnitReport.objects.filter(pk=report.pk, version=version).update(
        version=F("version") + 1, updated_at=timezone.now(), **fields
    )
    if not updated:
        raise ReportConflict(
            _("Someone else saved this report at the same moment. Reload and try again.")
        )
    report.refresh_from_db()


@transaction.atomic
def save_report(
    user,
    report: UnitReport,
    *,
    version: int,
    values: dict[str, ValueInput],
    results: str = "",
    difficulties: str = "",
    proposals: str = "",
) -> UnitReport:
    """Store the unit's values and texts (``report.fill``). Refused if the report is
    locked or changed."""
    policy.require(user, "report.fill", report)
    _check_version(report, version)
    _check_open(report)
    # Figures a register computes are the register's, whatever the form or API sends.
    prefill_computed(report)
    indicators = {i.code: i for i in report_indicators(report)}
    existing = {v.indicator.code: v for v in report.values.select_related("indicator")}
    changes = {}
    for code, entry in values.items():
        indicator = indicators.get(code)
        if indicator is None:
            continue
        current = existing.get(code)
        if indicator.source == Source.COMPUTED or (current is not None and current.computed):
            continue  # computed from a register: never the unit's to type or change
        old = (current.value, current.comment) if current else (None, "")
        new = (entry.value, entry.comment.strip())
        if old == new:
            continue
        changes[code] = [
            None if old[0] is None else str(old[0]),
            str(new[0]) if new[0] is not None else None,
        ]
        ReportValue.objects.update_or_create(
            report=report, indicator=indicator, defaults={"value": entry.value, "comment": new[1]}
        )
    texts = {"results": results, "difficulties": difficulties, "proposals": proposals}
    for name, text in texts.items():
        if getattr(report, name) != text:
            changes[name] = "changed"
    _bump(report, version, updated_by=user, **texts)
    ReportEvent.objects.create(
        report=report, user=user, action=ReportEvent.Action.SAVED, changes=changes
    )
    return report


@transaction.atomic
def submit_report(user, report: UnitReport, *, version: int) -> UnitReport:
    """The unit's report goes to the coordinating office (``report.submit``)."""
    policy.require(user, "report.submit", report)
    _check_version(report, version)
    if report.status not in (ReportStatus.DRAFT, ReportStatus.RETURNED):
        raise ReportStateError(_("Only a draft or returned report can be submitted."))
    prefill_computed(report)  # the registers' figures as they stand when it goes
    problems = check_values(report)
    errors = [p for p in problems if p.blocking]
    if errors:
        raise ValidationError([p.message for p in errors])
    _bump(report, version, status=ReportStatus.SUBMITTED, submitted_at=timezone.now())
    ReportEvent.objects.create(report=report, user=user, action=ReportEvent.Action.SUBMITTED)
    log.info("report submitted id=%s by user=%s", report.pk, user.pk)
    return report


@transaction.atomic
def return_report(user, report: UnitReport, *, comment: str) -> UnitReport:
    policy.require(user, "report.review", report)
    if report.status != ReportStatus.SUBMITTED:
        raise ReportStateError(_("Only a submitted report can be returned."))
    if not comment.strip():
        raise ValidationError(_("Say what needs correcting."))
    _bump(report, report.version, status=ReportStatus.RETURNED, return_comment=comment.strip())
    ReportEvent.objects.create(
        report=report, user=user, action=ReportEvent.Action.RETURNED, comment=comment.strip()
    )
    return report


@transaction.atomic
def approve_report(user, report: UnitReport) -> UnitReport:
    policy.require(user, "report.review", report)
    if report.status != ReportStatus.SUBMITTED:
        raise ReportStateError(_("Only a submitted report can be approved."))
    _bump(report, report.version, status=ReportStatus.APPROVED, approved_at=timezone.now())
    ReportEvent.objects.create(report=report, user=user, action=ReportEvent.Action.APPROVED)
    log.info("report approved id=%s by user=%s", report.pk, user.pk)
    return report


@transaction.atomic
def reopen_report(user, report: UnitReport, *, reason: str) -> UnitReport:
    """An approved report is locked; reopening it is the coordinator's recorded act."""
    policy.require(user, "report.review", report)
    if report.status != ReportStatus.APPROVED:
        raise ReportStateError(_("Only an approved report can be reopened."))
    if not reason.strip():
        raise ValidationError(_("Say why the report is reopened."))
    _bump(report, report.version, status=ReportStatus.RETURNED, return_comment=reason.strip())
    ReportEvent.objects.create(
        report=report, user=user, action=ReportEvent.Action.REOPENED, comment=reason.strip()
    )
    log.info("report reopened id=%s by user=%s", report.pk, user.pk)
    return report


@transaction.atomic
def attach_file(user, report: UnitReport, upload) -> ReportAttachment:
    """Join a document to a report that is still open (``report.fill``); type and size
    are checked."""
    from pathlib import Path

    from lanhmanh import uploads

    policy.require(user, "report.fill", report)
    _check_open(report)
    try:
        suffix = uploads.check_attachment(upload.name, upload.size)
    except uploads.UploadRefused as exc:
        raise ValidationError(_(exc.template) % exc.params) from exc
    attachment = ReportAttachment(
        report=report, name=Path(upload.name).name[:255], size=upload.size, uploaded_by=user
    )
    attachment.file.save(f"{report.pk}{suffix}", upload, save=False)
    attachment.save()
    ReportEvent.objects.create(
        report=report,
        user=user,
        action=ReportEvent.Action.SAVED,
        changes={"attached": attachment.name},
    )
    return attachment


@transaction.atomic
def set_indicator_assignments(
    user, plan: Plan, wanted: dict[int, set[str]], codes: set[str]
) -> int:
    """Which reporting units report the indicators ``codes`` of the plan: those of
    ``wanted`` (agency id → codes), whatever the rules propose. A choice that differs from
    the rules' proposal is kept as an assignment; one that agrees with it needs none. Every
    change goes into the history. Values already entered in reports are kept. Returns the
    number of changed cells. For the coordinating office of the plan's area
    (``reporting.assign``)."""
    from lanhmanh.audit.actions import record_change

    policy.require(user, "reporting.assign", plan)
    from lanhmanh.indicators.models import IndicatorAssignment

    proposed = proposed_codes(plan)
    unknown_units = set(wanted) - set(proposed)
    if unknown_units:
        raise ValidationError(_("Only the plan's reporting units can be given indicators."))
    indicators = {i.code: i for i in Indicator.objects.filter(code__in=codes, active=True)}
    if set(codes) - set(indicators) or any(set(c) - set(codes) for c in wanted.values()):
        raise ValidationError(_("Unknown indicator."))
    existing = {
        (a.agency_id, a.indicator_id): a
        for a in IndicatorAssignment.objects.filter(
            plan=plan, indicator__code__in=list(indicators)
        ).select_for_update()
    }
    changed = 0
    for agency_id, rules in proposed.items():
        mine = wanted.get(agency_id, set())
        for code, indicator in indicators.items():
            want, proposal = code in mine, code in rules
            current = existing.get((agency_id, indicator.pk))
            before = None if current is None else _assignment_snapshot(current)
            if want == proposal:
                if current is None:
                    continue
                current.delete()
                current.pk = before["id"]
                record_change(user, current, before, None, note="as proposed")
            elif current is None:
                current = IndicatorAssignment.objects.create(
                    plan=plan,
                    agency_id=agency_id,
                    indicator=indicator,
                    assigned=want,
                    updated_by=user if getattr(user, "pk", None) else None,
                )
                record_change(user, current, None, _assignment_snapshot(current))
            elif current.assigned != want:
                current.assigned = want
                current.updated_by = user if getattr(user, "pk", None) else None
                current.save(update_fields=["assigned", "updated_by", "updated_at"])
                record_change(user, current, before, _assignment_snapshot(current))
            else:
                continue
            changed += 1
    if changed:
        log.info(
            "indicator assignments of plan id=%s changed=%s by user=%s",
            plan.pk,
            changed,
            getattr(user, "pk", None),
        )
    return changed


def _assignment_snapshot(assignment) -> dict:
    return {
        "id": assignment.pk,
        "plan": assignment.plan_id,
        "agency": assignment.agency_id,
        "indicator": assignment.indicator_id,
        "assigned": assignment.assigned,
    }

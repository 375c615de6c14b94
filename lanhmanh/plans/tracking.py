"""Tasks and duties as tracked: for each lead agency of each task (and each agency given
duties), where it stands on a day (rules in ``task_status``), and the districts of a
plan of the three-tier time mapped to today's communes.

The plan page, "My duties", the dashboard and the compiled report all read these lines.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext as _

from lanhmanh.agencies.models import Agency
from lanhmanh.places.models import TWO_TIER_SINCE, AdministrativeUnit, Level, UnitContainment
from lanhmanh.places.queries import successors_today

from . import task_status
from .matching import addresses_districts
from .models import (
    SHOWN_STATUS_LABELS,
    Duty,
    Plan,
    PlanStatus,
    Progress,
    TaskAgency,
    TaskRole,
)
from .queries import addressees


@dataclass
class Line:
    kind: str  # "task" or "duty"
    item: object  # the Task or the Duty
    plan: Plan
    agency: Agency
    progress: Progress | None
    status: str
    due: datetime.date | None

    @property
    def title(self) -> str:
        if self.kind == "task":
            return self.item.title
        return "; ".join(self.item.texts) or self.item.agency_name

    @property
    def status_label(self) -> str:
        return str(SHOWN_STATUS_LABELS[self.status])

    @property
    def result(self) -> str:
        return self.progress.result if self.progress else ""

    @property
    def is_late(self) -> bool:
        return self.status == task_status.LATE

    def as_progress(self) -> Progress:
        """The recorded progress, or the one that would be (for asking the door)."""
        return self.progress or Progress(**{self.kind: self.item, "agency": self.agency})

    @property
    def url(self) -> str:
        return reverse("plans:progress", args=[self.kind, self.item.pk, self.agency.pk])

    @property
    def who(self) -> str:
        return self.agency.name


def lines(plans, today: datetime.date, agency_ids=None, kinds_in=None) -> list[Line]:
    """The tracked lines of ``plans`` (a queryset), tasks then duties, in the plan's
    order; a duty addressed to a kind of agency has one line per agency it reaches
    (``queries.addressees``) — of the plans ``kinds_in`` only, when given. Only those of
    ``agency_ids`` when given. Five queries."""
    roles = TaskAgency.objects.filter(
        task__plan__in=plans, role=TaskRole.LEAD, agency__isnull=False
    ).select_related("task__plan", "agency")
    named = Q(agency__isnull=False)
    if agency_ids is not None:
        named = Q(agency_id__in=agency_ids)
    to_kind = Q(agency__isnull=True, addressee_kind__gt="")
    if kinds_in is not None:
        to_kind &= Q(plan__in=kinds_in)
    duties = list(
        Duty.objects.filter(named | to_kind, plan__in=plans)
        .select_related("plan", "agency")
        .order_by("plan_id", "order", "pk")
    )
    recorded = Progress.objects.filter(Q(task__plan__in=plans) | Q(duty__plan__in=plans))
    if agency_ids is not None:
        roles = roles.filter(agency_id__in=agency_ids)
        recorded = recorded.filter(agency_id__in=agency_ids)
    by_key = _by_key(recorded)
    out = []
    for role in roles.order_by("task__plan_id", "task__order", "task_id", "pk"):
        task = role.task
        out.append(
            _line("task", task, task.plan, role.agency, by_key, task.end_month, today),
        )
    reached = addressees(duties, agency_ids)
    for duty in duties:
        for agency in [duty.agency] if duty.agency_id else reached.get(duty.pk, []):
            out.append(_line("duty", duty, duty.plan, agency, by_key, None, today))
    return out


def kind_duty_lines(duty: Duty, today: datetime.date) -> list[Line]:
    """One line per agency a duty addressed to a kind of agency reaches, by name.
    Three queries."""
    by_key = _by_key(Progress.objects.filter(duty=duty))
    reached = addressees([duty]).get(duty.pk, [])
    return [_line("duty", duty, duty.plan, agency, by_key, None, today) for agency in reached]


def _by_key(recorded) -> dict:
    return {
        ("task" if p.task_id else "duty", p.task_id or p.duty_id, p.agency_id): p for p in recorded
    }


def _line(kind, item, plan, agency, by_key, end_month, today) -> Line:
    progress = by_key.get((kind, item.pk, agency.pk))
    due = task_status.deadline(end_month, plan.last_year)
    status = task_status.shown_status(
        progress.status if progress else None,
        due,
        today,
        historic=plan.status == PlanStatus.CLOSED,
    )
    return Line(kind, item, plan, agency, progress, status, due)


def is_kind_duty(item) -> bool:
    return isinstance(item, Duty) and item.agency_id is None and bool(item.addressee_kind)


@dataclass
class KindDutySummary:
    """All the lines of one duty addressed to a kind of agency, counted: what the plan
    page, the dashboard and the compiled report show instead of one row per agency."""

    item: Duty
    lines: list[Line]
    kind: str = "kind_duty"

    @property
    def plan(self) -> Plan:
        return self.item.plan

    @property
    def title(self) -> str:
        return "; ".join(self.item.texts) or self.item.agency_name

    @property
    def due(self):
        return task_status.deadline(None, self.plan.last_year)

    def count(self, status: str) -> int:
        return sum(1 for line in self.lines if line.status == status)

    @property
    def total(self) -> int:
        return len(self.lines)

    @property
    def done(self) -> int:
        return self.count(task_status.DONE)

    @property
    def late(self) -> int:
        return self.count(task_status.LATE)

    @property
    def is_late(self) -> bool:
        return self.late > 0

    @property
    def status(self) -> str:
        """Late if one is late; done once all are; in progress once one has moved."""
        if self.late:
            return task_status.LATE
        if self.total and self.done == self.total:
            return task_status.DONE
        if any(line.status != task_status.NOT_STARTED for line in self.lines):
            return task_status.IN_PROGRESS
        return task_status.NOT_STARTED

    @property
    def status_label(self) -> str:
        return str(SHOWN_STATUS_LABELS[self.status])

    @property
    def label(self) -> str:
        """ "12/130 đơn vị đã hoàn thành, 5 chậm"."""
        return _("%(done)s/%(total)s agencies done, %(late)s late") % {
            "done": self.done,
            "total": self.total,
            "late": self.late,
        }

    @property
    def who(self) -> str:
        return f"{self.item.agency_name}: {self.label}"

    @property
    def url(self) -> str:
        return reverse("plans:duty_agencies", args=[self.item.pk])

    @property
    def late_url(self) -> str:
        return f"{self.url}?status={task_status.LATE}"


def summarised(found: list[Line]) -> list:
    """``found`` with the lines of each duty addressed to a kind of agency replaced, at
    the place of its first, by one ``KindDutySummary``."""
    out: list = []
    summaries: dict[int, KindDutySummary] = {}
    for line in found:
        if line.kind == "duty" and is_kind_duty(line.item):
            summary = summaries.get(line.item.pk)
            if summary is None:
                summary = summaries[line.item.pk] = KindDutySummary(line.item, [])
                out.append(summary)
            summary.lines.append(line)
        else:
            out.append(line)
    return out


def late_lines(plans, today: datetime.date) -> list:
    """The late tasks and duties of the active ones among ``plans``: a duty addressed
    to a kind of agency once, counting its late agencies."""
    active = plans.filter(status=PlanStatus.ACTIVE)
    # A duty to a kind of agency is due at the plan's end: before it, none of its
    # thousands of lines (a country's communes) can be late, so none is built.
    over = active.filter(last_year__lt=today.year)
    return [line for line in summarised(lines(active, today, kinds_in=over)) if line.is_late]


@dataclass
class DistrictMapping:
    unit: AdministrativeUnit
    successors: list[AdministrativeUnit]

    @property
    def label(self) -> str:
        """ "Huyện X (nay: phường Y, xã Z)"."""
        if not self.successors:
            return self.unit.name
        return _("%(unit)s (now: %(successors)s)") % {
            "unit": self.unit.name,
            "successors": ", ".join(u.name for u in self.successors),
        }


def district_mappings(plan: Plan) -> list[DistrictMapping]:
    """For a plan of the three-tier time, its districts and the communes of today that
    took over their ground; nothing for a plan of the two-tier time."""
    if plan.as_of is None or plan.as_of >= TWO_TIER_SINCE:
        return []
    inside = UnitContainment.objects.filter(outer_id=plan.jurisdiction_id).values("inner_id")
    districts = list(
        AdministrativeUnit.objects.filter(pk__in=inside, level=Level.DISTRICT).order_by("code")
    )
    successors = successors_today(districts)
    return [DistrictMapping(d, successors.get(d.pk, [])) for d in districts]


def duties_with_mappings(plan: Plan, duties) -> list[Duty]:
    """The plan's duties, those addressed to every district carrying ``mappings``."""
    duties = list(duties)
    mappings = None
    for duty in duties:
        duty.mappings = []
        if duty.addressee_kind and addresses_districts(duty.agency_name):
            if mappings is None:
                mappings = district_mappings(plan)
            duty.mappings = mappings
    return duties


def agency_lines(plan: Plan, agency_id: int, user, today: datetime.date):
    """The lines of one agency in one plan (its unit report shows them), and whether
    ``user`` may update them: the same answer for all, asked once of the door."""
    from lanhmanh.agencies import policy

    found = lines(Plan.objects.filter(pk=plan.pk), today, agency_ids=[agency_id])
    may_update = bool(found) and plan.status == PlanStatus.ACTIVE
    may_update = may_update and policy.can(user, "task.update", found[0].as_progress())
    return found, may_update

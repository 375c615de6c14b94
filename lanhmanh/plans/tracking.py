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


def lines(plans, today: datetime.date, agency_ids=None) -> list[Line]:
    """The tracked lines of ``plans`` (a queryset), tasks then duties, in the plan's
    order; only those of ``agency_ids`` when given. Three queries."""
    roles = TaskAgency.objects.filter(
        task__plan__in=plans, role=TaskRole.LEAD, agency__isnull=False
    ).select_related("task__plan", "agency")
    duties = Duty.objects.filter(plan__in=plans, agency__isnull=False).select_related(
        "plan", "agency"
    )
    recorded = Progress.objects.filter(Q(task__plan__in=plans) | Q(duty__plan__in=plans))
    if agency_ids is not None:
        roles = roles.filter(agency_id__in=agency_ids)
        duties = duties.filter(agency_id__in=agency_ids)
        recorded = recorded.filter(agency_id__in=agency_ids)
    by_key = {
        ("task" if p.task_id else "duty", p.task_id or p.duty_id, p.agency_id): p for p in recorded
    }
    out = []
    for role in roles.order_by("task__plan_id", "task__order", "task_id", "pk"):
        task = role.task
        out.append(
            _line("task", task, task.plan, role.agency, by_key, task.end_month, today),
        )
    for duty in duties.order_by("plan_id", "order", "pk"):
        out.append(_line("duty", duty, duty.plan, duty.agency, by_key, None, today))
    return out


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


def late_lines(plans, today: datetime.date) -> list[Line]:
    """The late tasks and duties of the active ones among ``plans``."""
    active = plans.filter(status=PlanStatus.ACTIVE)
    return [line for line in lines(active, today) if line.is_late]


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

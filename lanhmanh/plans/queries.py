"""Scoped queries of plans, shared by the web pages and the API."""

import datetime

from django.db.models import Q
from django.utils import timezone

from lanhmanh.agencies import policy
from lanhmanh.agencies.models import Agency
from lanhmanh.agencies.roles import Kind
from lanhmanh.agencies.scoping import get_for_user, scope
from lanhmanh.places.models import AdministrativeUnit, UnitContainment

from .models import Duty, Plan, PlanStatus


def plans_for_user(user):
    """Plans in the user's area; drafts only for those who may import and review them."""
    plans = scope(
        Plan.objects.all(), user, Kind.PLAN, unit_field="jurisdiction", include_enclosing=True
    )
    if not policy.can(user, "plan.edit"):
        plans = plans.exclude(status=PlanStatus.DRAFT)
    return plans


def get_plan_for_user(user, pk, action: str | None = None) -> Plan:
    """The plan within the user's area or around it (else 404); with ``action``, also
    allowed by the door (else 403)."""
    queryset = Plan.objects.select_related("jurisdiction", "issuing_agency", "parent")
    if not policy.can(user, "plan.edit"):
        queryset = queryset.exclude(status=PlanStatus.DRAFT)
    return get_for_user(
        queryset,
        user,
        pk,
        Kind.PLAN,
        unit_field="jurisdiction",
        include_enclosing=True,
        action=action,
    )


def final_agency(agency: Agency | None) -> Agency | None:
    """Who holds a duty now: a dissolved agency's duties pass to its successor."""
    while agency is not None and agency.valid_to is not None and agency.successor_id:
        agency = agency.successor
    return agency


def reporting_units(plan: Plan) -> list[Agency]:
    """The agencies with duties in the plan (a dissolved one through its successor), and
    every agency of a kind the plan addresses as a whole below its area."""
    return sorted(units_of_plans([plan]).values(), key=lambda a: a.name_search)


def units_of_plans(plans) -> dict[int, Agency]:
    """agency id → agency: the reporting units (:func:`reporting_units`) of all ``plans``
    (a list or a queryset). Two queries, whatever the number of plans and units."""
    units: dict[int, Agency] = {}
    # (kind addressed as a whole, the plan's day) → the plans' areas
    kinds: dict[tuple[str, datetime.date], set[int]] = {}
    today = timezone.localdate()
    duties = Duty.objects.filter(plan__in=plans).select_related(
        "plan", "agency__successor__successor"
    )
    for duty in duties:
        agency = final_agency(duty.agency)
        if agency is not None and agency.is_active:
            units[agency.pk] = agency
        if duty.addressee_kind:
            day = duty.plan.as_of or today
            kinds.setdefault((duty.addressee_kind, day), set()).add(duty.plan.jurisdiction_id)
    if kinds:
        below = Q()
        for (kind, day), areas in kinds.items():
            # Units of the plan's own time: a 2024 plan's "every district" is not the
            # communes formed on 1/7/2025 (plans.tracking shows those as the successors).
            inside = (
                UnitContainment.objects.filter(outer_id__in=areas)
                .exclude(inner_id__in=areas)
                .filter(inner__in=AdministrativeUnit.objects.valid_on(day))
                .values("inner_id")
            )
            below |= Q(kind=kind, jurisdiction__in=inside)
        for agency in Agency.objects.active_on().filter(below):
            units[agency.pk] = agency
    return units


def get_progress_for_user(user, kind: str, item_pk, agency_pk, action: str = "task.read"):
    """Where ``agency`` stands on a task it leads (``kind`` "task") or on its duty
    ("duty"), in a plan the user reads (else 404), if the door allows ``action`` (else
    403). Not yet saved when the agency has recorded nothing."""
    from django.http import Http404

    from .models import Duty, Progress, Task, TaskRole

    model = {"task": Task, "duty": Duty}.get(kind)
    item = model.objects.filter(pk=item_pk).first() if model else None
    if item is None:
        raise Http404
    item.plan = get_plan_for_user(user, item.plan_id)
    if kind == "task":
        named = item.agencies.filter(role=TaskRole.LEAD, agency_id=agency_pk).exists()
    else:
        named = item.agency_id == agency_pk
    if not named:
        raise Http404
    progress = Progress.objects.filter(**{kind: item, "agency_id": agency_pk}).first()
    if progress is None:
        progress = Progress(**{kind: item, "agency_id": agency_pk})
    else:
        setattr(progress, kind, item)
    policy.require(user, action, progress)
    return progress

"""Scoped queries of plans, shared by the web pages and the API."""

from django.db.models import F
from django.utils import timezone

from lanhmanh.agencies import policy
from lanhmanh.agencies.models import Agency, AgencyKind
from lanhmanh.agencies.roles import Kind
from lanhmanh.agencies.scoping import get_for_user, scope
from lanhmanh.places.models import UnitContainment

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
    (a list or a queryset). Three queries, whatever the number of plans and units."""
    units: dict[int, Agency] = {}
    duties = list(
        Duty.objects.filter(plan__in=plans).select_related("plan", "agency__successor__successor")
    )
    for duty in duties:
        agency = final_agency(duty.agency)
        if agency is not None and agency.is_active:
            units[agency.pk] = agency
    for reached in addressees(duties).values():
        units.update((agency.pk, agency) for agency in reached)
    return units


# Kinds of agency that sit at the plan's own level: "các sở, ban, ngành" of a province
# plan are the province's departments; every other kind addressed as a whole ("UBND các
# xã, phường") means the bodies below the plan's area.
AT_PLAN_LEVEL = frozenset({AgencyKind.DEPARTMENT})


def addressees(duties, agency_ids=None) -> dict[int, list[Agency]]:
    """duty id → the active agencies a duty addressed to a kind of agency reaches (only
    those of ``agency_ids`` when given), by name: those of its kind whose area lies
    inside the plan's area and existed on the plan's day — a 2024 plan's "every
    district" is not the communes formed on 1/7/2025 (``tracking.district_mappings``
    shows those as the districts' successors). ``duties`` is a list whose plans are
    loaded; duties named to one agency reach nobody here. Two queries."""
    duties = [d for d in duties if d.addressee_kind and d.agency_id is None]
    if not duties:
        return {}
    areas = {d.plan.jurisdiction_id for d in duties}
    agencies = Agency.objects.active_on().filter(
        kind__in={d.addressee_kind for d in duties},
        jurisdiction__in=UnitContainment.objects.filter(outer_id__in=areas).values("inner_id"),
    )
    if agency_ids is not None:
        agencies = agencies.filter(pk__in=agency_ids)
    # A subquery, not a list of ids: a country's communes outnumber SQLite's parameters.
    inside = set(
        UnitContainment.objects.filter(
            outer_id__in=areas, inner_id__in=agencies.values("jurisdiction_id")
        ).values_list("outer_id", "inner_id")
    )
    # The areas' dates as two columns, not a unit object per agency: a country has
    # thousands of communes, and the dashboard counts them on every visit.
    agencies = list(
        agencies.annotate(
            area_from=F("jurisdiction__valid_from"), area_to=F("jurisdiction__valid_to")
        ).order_by("name_search", "pk")
    )
    today = timezone.localdate()
    reached: dict[int, list[Agency]] = {}
    for duty in duties:
        area, day = duty.plan.jurisdiction_id, duty.plan.as_of or today
        level = duty.addressee_kind in AT_PLAN_LEVEL
        reached[duty.pk] = [
            agency
            for agency in agencies
            if agency.kind == duty.addressee_kind
            and (area, agency.jurisdiction_id) in inside
            and (agency.jurisdiction_id == area) == level
            and (agency.area_from is None or agency.area_from <= day)
            and (agency.area_to is None or agency.area_to >= day)
        ]
    return reached


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
    elif item.agency_id is None:  # addressed to a kind of agency: one of those it reaches
        named = bool(addressees([item], agency_ids=[agency_pk]).get(item.pk))
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

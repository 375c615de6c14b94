"""Scoped queries of plans, shared by the web pages and the API."""

from lanhmanh.agencies import policy
from lanhmanh.agencies.models import Agency
from lanhmanh.agencies.roles import Kind
from lanhmanh.agencies.scoping import get_for_user, scope
from lanhmanh.places.models import UnitContainment

from .models import Plan, PlanStatus


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


def reporting_units(plan: Plan) -> list[Agency]:
    """The agencies with duties in the plan (a dissolved one through its successor), and
    every agency of a kind the plan addresses as a whole below its area."""
    units: dict[int, Agency] = {}
    for duty in plan.duties.select_related("agency__successor"):
        agency = duty.agency
        while agency is not None and agency.valid_to is not None and agency.successor_id:
            agency = agency.successor
        if agency is not None and agency.is_active:
            units[agency.pk] = agency
    kinds = set(plan.duties.exclude(addressee_kind="").values_list("addressee_kind", flat=True))
    if kinds:
        inside = (
            UnitContainment.objects.filter(outer=plan.jurisdiction)
            .exclude(inner=plan.jurisdiction)
            .values("inner_id")
        )
        for agency in Agency.objects.active_on().filter(kind__in=kinds, jurisdiction__in=inside):
            units[agency.pk] = agency
    return sorted(units.values(), key=lambda a: a.name_search)

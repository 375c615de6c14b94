"""Scoped queries of plans, shared by the web pages and the API."""

from lanhmanh.agencies import policy
from lanhmanh.agencies.roles import Kind
from lanhmanh.agencies.scoping import get_for_user, scope

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

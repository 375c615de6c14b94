"""Scoped queries of plans, shared by the web pages and the API."""

from lanhmanh.agencies.roles import Kind
from lanhmanh.agencies.scoping import can, get_for_user, scope

from .models import Plan, PlanStatus


def plans_for_user(user):
    """Plans in the user's area; drafts only for those who may import and review them."""
    plans = scope(
        Plan.objects.all(), user, Kind.PLAN, unit_field="jurisdiction", include_enclosing=True
    )
    if not can(user, Kind.PLAN, write=True):
        plans = plans.exclude(status=PlanStatus.DRAFT)
    return plans


def get_plan_for_user(user, pk, write=False) -> Plan:
    queryset = Plan.objects.select_related("jurisdiction", "issuing_agency", "parent")
    if not can(user, Kind.PLAN, write=True):
        queryset = queryset.exclude(status=PlanStatus.DRAFT)
    return get_for_user(
        queryset,
        user,
        pk,
        Kind.PLAN,
        unit_field="jurisdiction",
        write=write,
        include_enclosing=True,
    )

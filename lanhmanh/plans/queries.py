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

"""The user's grants: (role, jurisdiction, agency) of each membership, read once."""

from __future__ import annotations

from dataclasses import dataclass

from django.db import models
from django.utils import timezone

from .roles import Role


@dataclass(frozen=True)
class Grant:
    role: str
    jurisdiction_id: int | None  # None: the whole country
    agency_id: int | None = None  # None: Django's superuser, of no agency


def grants(user) -> tuple[Grant, ...]:
    """The user's (role, jurisdiction) pairs, read once per user object."""
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return ()
    cached = getattr(user, "_lanhmanh_grants", None)
    if cached is not None:
        return cached
    from .models import Membership

    today = timezone.localdate()
    rows = (
        Membership.objects.filter(user=user)
        .filter(models.Q(agency__valid_to__isnull=True) | models.Q(agency__valid_to__gte=today))
        .filter(models.Q(agency__valid_from__isnull=True) | models.Q(agency__valid_from__lte=today))
        .values_list("role", "agency__jurisdiction_id", "agency_id")
    )
    result = [Grant(role, unit_id, agency_id) for role, unit_id, agency_id in rows]
    if user.is_superuser:
        # Django's superuser is a system administrator of the whole country.
        result.append(Grant(Role.ADMIN, None))
    user._lanhmanh_grants = tuple(result)
    return user._lanhmanh_grants

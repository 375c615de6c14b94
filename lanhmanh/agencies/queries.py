"""Scoped queries of agencies, shared by the web pages and the API."""

from .models import Agency
from .roles import Kind
from .scoping import get_for_user, scope


def agencies_for_user(user):
    """Agencies the user may see: those inside their area, and the national ones."""
    return scope(
        Agency.objects.all(), user, Kind.AGENCY, unit_field="jurisdiction", include_unplaced=True
    )


def get_agency_for_user(user, pk, action="agency.read") -> Agency:
    """One agency: 404 outside the user's area, 403 if the door refuses ``action``."""
    return get_for_user(
        Agency.objects.select_related("jurisdiction", "parent", "successor"),
        user,
        pk,
        Kind.AGENCY,
        unit_field="jurisdiction",
        include_unplaced=True,
        action=action,
    )


def agencies_of(user):
    """The user's agencies and those they took over from (a 2024 plan names the
    Department of Labour; its duties are now the Department of Health's)."""
    mine = set(user.memberships.values_list("agency_id", flat=True))
    frontier = set(mine)
    while frontier:
        frontier = (
            set(Agency.objects.filter(successor__in=frontier).values_list("pk", flat=True)) - mine
        )
        mine |= frontier
    return mine

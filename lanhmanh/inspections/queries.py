"""Scoped queries of establishments and inspections, shared by the pages and the API."""

from lanhmanh.agencies.roles import Kind
from lanhmanh.agencies.scoping import get_for_user, scope

from .models import Establishment, Inspection


def establishments_for_user(user, write=False):
    return scope(Establishment.objects.all(), user, Kind.ESTABLISHMENT, "commune", write=write)


def get_establishment_for_user(user, pk, write=False) -> Establishment:
    return get_for_user(
        Establishment.objects.select_related("commune"),
        user,
        pk,
        Kind.ESTABLISHMENT,
        "commune",
        write=write,
    )


def inspections_for_user(user, write=False):
    return scope(
        Inspection.objects.all(), user, Kind.INSPECTION, "establishment__commune", write=write
    )


def suggested_for_inspection(establishments, today, limit=20):
    """Active establishments to inspect next: the riskiest first, and among equals the
    longest since their last inspection (never inspected comes first)."""
    from django.db.models import F, Max

    return (
        establishments.filter(status="active")
        .annotate(last_inspected=Max("inspections__inspected_on"))
        .order_by("-risk", F("last_inspected").asc(nulls_first=True), "name_search", "pk")[:limit]
    )

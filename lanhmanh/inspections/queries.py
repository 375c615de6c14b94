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

"""Scoped queries of tips, shared by the web pages and the API."""

from django.db.models import Q

from lanhmanh.agencies.models import Agency
from lanhmanh.agencies.roles import Kind
from lanhmanh.agencies.scoping import get_for_user, scope
from lanhmanh.places.models import AdministrativeUnit, Level, UnitContainment

from .models import Tip


def tips_for_user(user, write: bool = False):
    return scope(Tip.objects.all(), user, Kind.TIP, unit_field="commune", write=write)


def get_tip_for_user(user, pk, write: bool = False) -> Tip:
    return get_for_user(
        Tip.objects.select_related("commune", "assigned_agency"),
        user,
        pk,
        Kind.TIP,
        unit_field="commune",
        write=write,
    )


def communes_for_user(user):
    """Current communes where the user may record tips."""
    communes = AdministrativeUnit.objects.current().filter(level=Level.COMMUNE)
    return scope(communes, user, Kind.TIP, unit_field="pk", write=True).order_by("name_search")


def agencies_for_tip(tip: Tip):
    """Agencies that exist today and cover the tip's commune (its commune, its province)."""
    around = UnitContainment.objects.filter(inner_id=tip.commune_id).values("outer_id")
    return (
        Agency.objects.active_on()
        .filter(Q(jurisdiction__in=around))
        .select_related("jurisdiction")
        .order_by("name_search")
    )

"""Scoped queries of hotspots, shared by the web pages and the API."""

from lanhmanh.agencies.queries import agencies_for_user
from lanhmanh.agencies.roles import Kind
from lanhmanh.agencies.scoping import get_for_user, scope
from lanhmanh.places.models import AdministrativeUnit, Level
from lanhmanh.text import fold

from .models import Hotspot


def hotspots_for_user(user, write=False):
    """Hotspots in the user's area (or only those the user may change)."""
    return scope(Hotspot.objects.all(), user, Kind.HOTSPOT, unit_field="commune", write=write)


def get_hotspot_for_user(user, pk, action="hotspot.read") -> Hotspot:
    """One hotspot: 404 outside the user's area, 403 if the door refuses ``action``."""
    return get_for_user(
        Hotspot.objects.select_related("commune", "created_by"),
        user,
        pk,
        Kind.HOTSPOT,
        unit_field="commune",
        action=action,
    )


def communes_for_user(user, write=False):
    """Today's communes in which the user may read (or record) hotspots."""
    return scope(
        AdministrativeUnit.objects.filter(level=Level.COMMUNE, valid_to__isnull=True),
        user,
        Kind.HOTSPOT,
        unit_field="pk",
        write=write,
    ).order_by("name_search", "pk")


def check_agencies_for_user(user):
    """Agencies a check can be credited to: those the user sees that exist today."""
    return agencies_for_user(user).active_on().order_by("name_search", "pk")


def filter_hotspots(hotspots, q: str = "", status: str = "", commune=None):
    """The list's filters, for the page, the exports and the API alike."""
    folded = fold(q or "")
    if folded:
        hotspots = hotspots.filter(search__contains=folded)
    if status:
        hotspots = hotspots.filter(status=status)
    if commune is not None:
        hotspots = hotspots.filter(commune=commune)
    return hotspots

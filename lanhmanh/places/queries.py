"""Queries of administrative units, shared by the web pages and the API."""

from django.utils import timezone

from .models import AdministrativeUnit


def find_units(*, q: str = "", level: str = "", as_of=None, parent=None):
    """Units valid on ``as_of`` (today by default), by folded name or exact code."""
    units = AdministrativeUnit.objects.valid_on(as_of or timezone.localdate())
    if level:
        units = units.filter(level=level)
    if parent is not None:
        units = units.filter(parent=parent)
    q = q.strip()
    if q.isdigit():
        # Codes are zero-padded per level: province 2, district 3, commune 5 digits.
        units = units.filter(code__in={q.zfill(width) for width in (2, 3, 5)})
    elif q:
        units = units.search(q)
    return units


def successors_today(units) -> dict[int, list[AdministrativeUnit]]:
    """For each historic unit, the current units that took over its ground: a commune's
    own successors, a district's those of its communes (the 2025 succession table)."""
    from django.db.models import Q

    from .models import UnitSuccession

    unit_ids = {u.pk for u in units}
    links = (
        UnitSuccession.objects.filter(
            Q(predecessor_id__in=unit_ids) | Q(predecessor__parent_id__in=unit_ids),
            successor__valid_to__isnull=True,
        )
        .select_related("predecessor", "successor")
        .order_by("successor__name_search")
    )
    found: dict[int, dict[int, AdministrativeUnit]] = {pk: {} for pk in unit_ids}
    for link in links:
        old = link.predecessor
        key = old.pk if old.pk in unit_ids else old.parent_id
        found[key][link.successor.pk] = link.successor
    return {pk: list(successors.values()) for pk, successors in found.items()}

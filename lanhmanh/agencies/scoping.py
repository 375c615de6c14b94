"""The one scoping helper: every queryset of scoped records goes through ``scope``.

``Grant`` and ``grants`` are re-exported from ``grants`` for existing callers.

A user sees a record when one of their memberships (in an agency that exists today)
has a role that may read that kind of record (``roles.POLICY``) and the record's unit
lies inside that agency's jurisdiction (``places.UnitContainment``, which also places
historic units inside the current units that succeeded them). A membership in a
national agency (no jurisdiction) reaches the whole country.

Objects are fetched and authorised in one call, ``get_for_user``: out of scope is a
404 (the object's existence is not disclosed), in scope but read-only is a 403.
"""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.db import models
from django.http import Http404

from lanhmanh.places.models import UnitContainment

from .grants import Grant, grants  # noqa: F401 - re-exported
from .policy import require
from .roles import roles_for

NATIONAL = "national"


def reach(user, kind: str, write: bool = False) -> str | frozenset[int]:
    """``NATIONAL``, or the ids of the units whose insides the user reaches for ``kind``."""
    allowed = roles_for(kind, write=write)
    units = set()
    for grant in grants(user):
        if grant.role not in allowed:
            continue
        if grant.jurisdiction_id is None:
            return NATIONAL
        units.add(grant.jurisdiction_id)
    return frozenset(units)


def scope(
    queryset: models.QuerySet,
    user,
    kind: str,
    unit_field: str = "unit",
    write: bool = False,
    include_unplaced: bool = False,
    include_enclosing: bool = False,
) -> models.QuerySet:
    """Narrow ``queryset`` to what ``user`` may read (or write) of ``kind``.

    ``unit_field`` is the lookup path from the record to its administrative unit.
    ``include_unplaced`` also lets through records without a unit (national ones),
    for directories such as the agencies, where everybody may see the ministries.
    ``include_enclosing`` also lets through records of the areas that contain the
    user's (a commune reads the province's plan it carries out); never for writing.
    """
    area = reach(user, kind, write=write)
    if area == NATIONAL:
        return queryset
    if not area:
        return queryset.none()
    inside = UnitContainment.objects.filter(outer_id__in=area).values("inner_id")
    condition = models.Q(**{f"{unit_field}__in": inside})
    if include_enclosing and not write:
        around = UnitContainment.objects.filter(inner_id__in=area).values("outer_id")
        condition |= models.Q(**{f"{unit_field}__in": around})
    if include_unplaced:
        condition |= models.Q(**{f"{unit_field}__isnull": True})
    return queryset.filter(condition)


def get_for_user(
    queryset: models.QuerySet,
    user,
    pk,
    kind: str,
    unit_field: str = "unit",
    write: bool = False,
    include_unplaced: bool = False,
    include_enclosing: bool = False,
    action: str | None = None,
):
    """Fetch one record the user may see; 404 if out of reach, 403 if the user may not
    do ``action`` on it (``policy.can``) or, with ``write``, may only read its kind."""
    try:
        obj = scope(
            queryset,
            user,
            kind,
            unit_field,
            include_unplaced=include_unplaced,
            include_enclosing=include_enclosing,
        ).get(pk=pk)
    except (queryset.model.DoesNotExist, ValueError, TypeError):
        raise Http404 from None
    if action is not None:
        require(user, action, obj)
    if (
        write
        and not scope(
            queryset.model._default_manager.filter(pk=obj.pk),
            user,
            kind,
            unit_field,
            write=True,
        ).exists()
    ):
        raise PermissionDenied
    return obj

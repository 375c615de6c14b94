"""Scoped queries of activities and community models, shared by the pages, the exports,
the API and the figures' record lists."""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.db.models import Count, Q, QuerySet, Sum

from lanhmanh.agencies.queries import agencies_for_user
from lanhmanh.agencies.roles import Kind
from lanhmanh.agencies.scoping import get_for_user, scope
from lanhmanh.places.models import AdministrativeUnit, Level, UnitContainment
from lanhmanh.text import fold

from .models import GROUPS, MEDIUM_GROUPS, Activity, CommunityModel


def activities_for_user(user, write=False) -> QuerySet:
    return scope(Activity.objects.all(), user, Kind.ACTIVITY, write=write)


def models_for_user(user, write=False) -> QuerySet:
    return scope(CommunityModel.objects.all(), user, Kind.ACTIVITY, write=write)


def get_activity_for_user(user, pk, action="activity.read") -> Activity:
    """One activity: 404 outside the user's area, 403 if the door refuses ``action``."""
    return get_for_user(
        Activity.objects.select_related("unit", "organiser", "visited", "created_by"),
        user,
        pk,
        Kind.ACTIVITY,
        action=action,
    )


def get_model_for_user(user, pk, action="activity.read") -> CommunityModel:
    return get_for_user(
        CommunityModel.objects.select_related("unit", "organiser", "created_by"),
        user,
        pk,
        Kind.ACTIVITY,
        action=action,
    )


def units_for_user(user, write=False) -> QuerySet:
    """Today's communes and provinces where the user may read (or record) activities."""
    return scope(
        AdministrativeUnit.objects.filter(
            level__in=(Level.COMMUNE, Level.PROVINCE), valid_to__isnull=True
        ),
        user,
        Kind.ACTIVITY,
        unit_field="pk",
        write=write,
    ).order_by("level", "name_search", "pk")


def communes_for_user(user, write=False) -> QuerySet:
    return units_for_user(user, write).filter(level=Level.COMMUNE)


def organisers_for_user(user) -> QuerySet:
    """Agencies an activity may be credited to: those the user sees that exist today."""
    return agencies_for_user(user).active_on().order_by("name_search", "pk")


def inside(area) -> QuerySet:
    """Ids of the units inside ``area`` (a unit id or a set of them)."""
    ids = [area] if isinstance(area, int) else list(area)
    return UnitContainment.objects.filter(outer_id__in=ids).values("inner_id")


@dataclass(frozen=True)
class Filters:
    """The list's filters, for the page, the exports, the API and the figures' links."""

    q: str = ""
    kind: str = ""  # a kind, or a group of kinds (``GROUPS``)
    area: int | None = None
    start: datetime.date | None = None
    end: datetime.date | None = None
    organiser: int | None = None
    audience: str = ""
    medium: str = ""  # a medium, or a group of media (``MEDIUM_GROUPS``)


def _filter_placed(records: QuerySet, f: Filters, date_field: str) -> QuerySet:
    """The filters activities and community models share; dates on ``date_field``."""
    folded = fold(f.q or "")
    if folded:
        records = records.filter(search__contains=folded)
    if f.area is not None:
        records = records.filter(unit__in=inside(f.area))
    if f.start is not None:
        records = records.filter(**{f"{date_field}__gte": f.start})
    if f.end is not None:
        records = records.filter(**{f"{date_field}__lte": f.end})
    if f.organiser is not None:
        records = records.filter(organiser_id=f.organiser)
    if f.audience:
        records = records.filter(audience=f.audience)
    return records


def filter_activities(activities: QuerySet, f: Filters) -> QuerySet:
    activities = _filter_placed(activities, f, "held_on")
    if f.kind in GROUPS:
        activities = activities.filter(kind__in=GROUPS[f.kind])
    elif f.kind:
        activities = activities.filter(kind=f.kind)
    if f.medium in MEDIUM_GROUPS:
        activities = activities.filter(medium__in=MEDIUM_GROUPS[f.medium])
    elif f.medium:
        activities = activities.filter(medium=f.medium)
    return activities


def filter_models(
    models: QuerySet,
    f: Filters,
    active_from: datetime.date | None = None,
    active_to: datetime.date | None = None,
) -> QuerySet:
    """Community models by the same filters (``start``/``end``: started in those dates);
    ``active_from``/``active_to``: running at some time between those days."""
    models = _filter_placed(models, f, "started_on")
    if f.kind:
        models = models.filter(kind=f.kind)
    if active_to is not None:
        models = models.filter(started_on__lte=active_to)
    if active_from is not None:
        models = models.filter(Q(stopped_on__isnull=True) | Q(stopped_on__gte=active_from))
    return models


def communes_reached(records: QuerySet, area=None) -> int:
    """Distinct communes listed by ``records`` (inside ``area`` when given)."""
    through = records.model.communes.through
    field = f"{records.model._meta.model_name}_id"
    links = through.objects.filter(**{f"{field}__in": records.values("pk")})
    if area is not None:
        links = links.filter(administrativeunit_id__in=inside(area))
    return links.values("administrativeunit_id").distinct().count()


def summary(activities: QuerySet, area=None) -> dict:
    """What the list shows above its rows: records, participants, quantity, organisers
    and communes reached — the figures the indicators compute from the same records."""
    totals = activities.aggregate(
        records=Count("pk"),
        participants=Sum("participants"),
        quantity=Sum("quantity"),
        organisers=Count("organiser", distinct=True),
    )
    totals["communes"] = communes_reached(activities, area)
    return totals

"""Activities under /api/v1/: list (with the page's filters), one, record — with the web's
scoping, the same door (``agencies.policy``) and the same actions, which ask it again.
Registered by ``lanhmanh.api.api`` (``api.add_router("", router)``)."""

import datetime

from django.core.exceptions import PermissionDenied, ValidationError
from ninja import Field, Query, Router, Schema
from ninja.pagination import LimitOffsetPagination, paginate
from ninja.responses import Status

from lanhmanh.agencies.policy import can
from lanhmanh.api.problems import Problem, problem

from . import actions
from .models import ActivityKind, Audience, Medium
from .queries import (
    Filters,
    activities_for_user,
    filter_activities,
    get_activity_for_user,
    organisers_for_user,
    units_for_user,
)

router = Router(tags=["activities"])
ID_MAX = 2**31 - 1  # a database id: larger is refused as input, never a database error


class ActivityOut(Schema):
    id: int
    kind: str
    title: str
    held_on: datetime.date
    ends_on: datetime.date | None
    unit_id: int
    unit_name: str = Field(alias="unit.name")
    organiser_id: int
    organiser_name: str = Field(alias="organiser.name")
    audience: str
    participants: int | None
    women: int | None
    men: int | None
    medium: str
    quantity: int | None
    visited_id: int | None
    document_number: str
    description: str


class ActivityDetailOut(ActivityOut):
    communes: list[int]
    attachments: list[str]

    @staticmethod
    def resolve_communes(activity):
        return sorted(activity.communes.values_list("pk", flat=True))

    @staticmethod
    def resolve_attachments(activity):
        return list(activity.attachments.values_list("name", flat=True))


class ActivityFilters(Schema):
    kind: str = Field("", max_length=20, description="a kind, 'events' or 'communication'")
    area: int | None = Field(
        None, ge=1, le=ID_MAX, description="id of a unit: the activities held inside it"
    )
    date_from: datetime.date | None = Field(None, alias="from")
    date_to: datetime.date | None = Field(None, alias="to")
    organiser: int | None = Field(None, ge=1, le=ID_MAX)
    audience: Audience | None = None
    q: str = Field("", max_length=100, description="title or description; diacritics optional")


@router.get("/activities", response=list[ActivityOut], summary="Activities you can see")
@paginate(LimitOffsetPagination)
def list_activities(request, filters: Query[ActivityFilters]):
    if not can(request.user, "activity.read"):
        raise PermissionDenied  # as the page: 403 with a reason, not an empty list
    activities = filter_activities(
        activities_for_user(request.user).select_related("unit", "organiser"),
        Filters(
            q=filters.q,
            kind=filters.kind,
            area=filters.area,
            start=filters.date_from,
            end=filters.date_to,
            organiser=filters.organiser,
            audience=filters.audience.value if filters.audience else "",
        ),
    )
    return activities.order_by("-held_on", "-pk")


@router.get("/activities/{activity_id}", response=ActivityDetailOut, summary="One activity")
def get_activity(request, activity_id: int):
    return get_activity_for_user(request.user, activity_id)


class ActivityIn(Schema):
    kind: ActivityKind
    title: str = Field(..., min_length=1, max_length=255)
    held_on: datetime.date
    ends_on: datetime.date | None = None
    unit: int = Field(
        ..., ge=1, le=ID_MAX, description="id of a current commune or province in your area"
    )
    communes: list[int] = Field(default_factory=list, max_length=500)
    organiser: int = Field(..., ge=1, le=ID_MAX, description="id of an agency you can see")
    audience: Audience | None = None
    participants: int | None = Field(None, ge=0, le=10_000_000)
    women: int | None = Field(None, ge=0, le=10_000_000)
    men: int | None = Field(None, ge=0, le=10_000_000)
    medium: Medium | None = None
    quantity: int | None = Field(None, ge=0, le=1_000_000_000)
    visited: int | None = Field(None, ge=1, le=ID_MAX)
    document_number: str = Field("", max_length=60)
    description: str = Field("", max_length=20000)


def _values(user, data: dict) -> tuple[dict, list]:
    """Schema values as model values; a unit or agency out of reach is refused."""
    units = units_for_user(user, write=True)
    unit = units.filter(pk=data["unit"]).first()
    if unit is None:
        raise ValidationError({"unit": ["No such commune or province in your area."]})
    data["unit"] = unit
    wanted = set(data.pop("communes"))
    communes = list(units.filter(pk__in=[pk for pk in wanted if 0 < pk <= ID_MAX]))
    if len(communes) != len(wanted):
        raise ValidationError({"communes": ["Give the ids of communes in your area."]})
    agencies = organisers_for_user(user)
    for name in ("organiser", "visited"):
        if data.get(name) is not None:
            found = agencies.filter(pk=data[name]).first()
            if found is None:
                raise ValidationError({name: ["No such agency in your area."]})
            data[name] = found
    for name in ("kind", "audience", "medium"):
        data[name] = data[name].value if data.get(name) else ""
    return data, communes


@router.post(
    "/activities",
    response={201: ActivityDetailOut, 400: Problem, 403: Problem},
    summary="Record an activity (reporting officers, coordinators)",
)
def create_activity(request, data: ActivityIn):
    if not can(request.user, "activity.record"):
        return Status(403, {"detail": "Your role does not allow recording activities."})
    try:
        values, communes = _values(request.user, data.dict())
        activity = actions.create_activity(request.user, communes=communes, **values)
    except PermissionDenied:
        return Status(403, {"detail": "You may not record activities in this unit."})
    except ValidationError as exc:
        return problem(exc)
    return Status(201, activity)

"""Activities and community models under /api/v1/: list (with the page's filters), one,
record (and correct a model) — with the web's scoping, the same door (``agencies.policy``)
and the same actions, which ask it again. Registered by ``lanhmanh.api.api``
(``api.add_router("", router)``)."""

import datetime

from django.core.exceptions import PermissionDenied, ValidationError
from ninja import Field, Query, Router, Schema
from ninja.pagination import LimitOffsetPagination, paginate
from ninja.responses import Status

from lanhmanh.agencies.policy import can
from lanhmanh.api.problems import Problem, problem

from . import actions
from .models import ActivityKind, Audience, Medium, ModelKind
from .queries import (
    Filters,
    activities_for_user,
    filter_activities,
    filter_models,
    get_activity_for_user,
    get_model_for_user,
    models_for_user,
    organisers_for_user,
    units_for_user,
)

router = Router(tags=["activities"])
ID_MAX = 2**31 - 1  # a database id: larger is refused as input, never a database error


class PlacedOut(Schema):
    """What an activity and a community model both say: where, by whom, for whom."""

    id: int
    unit_id: int
    unit_name: str = Field(alias="unit.name")
    organiser_id: int
    organiser_name: str = Field(alias="organiser.name")
    audience: str
    description: str


class Documents(Schema):
    """A record's communes (ids) and its attachments (names), on the one-record answers."""

    communes: list[int]
    attachments: list[str]

    @staticmethod
    def resolve_communes(record):
        return sorted(record.communes.values_list("pk", flat=True))

    @staticmethod
    def resolve_attachments(record):
        return list(record.attachments.values_list("name", flat=True))


class ActivityOut(PlacedOut):
    kind: str
    title: str
    held_on: datetime.date
    ends_on: datetime.date | None
    participants: int | None
    women: int | None
    men: int | None
    medium: str
    quantity: int | None
    visited_id: int | None
    document_number: str


class ActivityDetailOut(ActivityOut, Documents):
    pass


class PlacedFilters(Schema):
    area: int | None = Field(
        None, ge=1, le=ID_MAX, description="id of a unit: the records kept inside it"
    )
    date_from: datetime.date | None = Field(None, alias="from")
    date_to: datetime.date | None = Field(None, alias="to")
    organiser: int | None = Field(None, ge=1, le=ID_MAX)
    audience: Audience | None = None
    q: str = Field("", max_length=100, description="title or description; diacritics optional")

    def filters(self, kind: str = "") -> Filters:
        return Filters(
            q=self.q,
            kind=kind,
            area=self.area,
            start=self.date_from,
            end=self.date_to,
            organiser=self.organiser,
            audience=self.audience.value if self.audience else "",
        )


class ActivityFilters(PlacedFilters):
    kind: str = Field("", max_length=20, description="a kind, 'events' or 'communication'")


@router.get("/activities", response=list[ActivityOut], summary="Activities you can see")
@paginate(LimitOffsetPagination)
def list_activities(request, filters: Query[ActivityFilters]):
    if not can(request.user, "activity.read"):
        raise PermissionDenied  # as the page: 403 with a reason, not an empty list
    activities = filter_activities(
        activities_for_user(request.user).select_related("unit", "organiser"),
        filters.filters(filters.kind),
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


def _values(user, data: dict) -> tuple[dict, list | None]:
    """Schema values as model values; a unit or agency out of reach is refused. Only the
    names given are converted (a correction sends some); communes None (or null): not
    given, the record keeps those it lists."""
    units = units_for_user(user, write=True)
    if "unit" in data:
        unit = units.filter(pk=data["unit"]).first() if data["unit"] is not None else None
        if unit is None:
            raise ValidationError({"unit": ["No such commune or province in your area."]})
        data["unit"] = unit
    wanted = data.pop("communes", None)
    communes = None
    if wanted is not None:
        wanted = set(wanted)
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
        if name in data:
            data[name] = data[name].value if data[name] else ""
    return data, communes


@router.post(
    "/activities",
    response={201: ActivityDetailOut, 400: Problem, 403: Problem},
    summary="Record an activity (reporting officers, coordinators)",
)
def create_activity(request, data: ActivityIn):
    return _record(request, data.dict(), actions.create_activity, "recording activities")


def _record(request, data: dict, create, doing: str):
    """A new record through ``create`` (an action): 201 with it, 403 where the door
    refuses, 400 naming the fields that are wrong."""
    if not can(request.user, "activity.record"):
        return Status(403, {"detail": f"Your role does not allow {doing}."})
    try:
        values, communes = _values(request.user, data)
        record = create(request.user, communes=communes, **values)
    except PermissionDenied:
        return Status(403, {"detail": f"Your role does not allow {doing} in this unit."})
    except ValidationError as exc:
        return problem(exc)
    return Status(201, record)


# --- Community models -------------------------------------------------------------------


class ModelOut(PlacedOut):
    name: str
    kind: str
    status: str = Field(description="'active' (running) or 'stopped'")
    started_on: datetime.date
    stopped_on: datetime.date | None
    reviewed_on: datetime.date | None
    review: str


class ModelDetailOut(ModelOut, Documents):
    pass


class ModelFilters(PlacedFilters):
    kind: ModelKind | None = None
    active_from: datetime.date | None = Field(
        None, description="running on some day from this one (with active_to: in between)"
    )
    active_to: datetime.date | None = None


@router.get(
    "/community-models",
    response=list[ModelOut],
    summary="Community models you can see ('from'/'to': started in those dates)",
)
@paginate(LimitOffsetPagination)
def list_models(request, filters: Query[ModelFilters]):
    if not can(request.user, "activity.read"):
        raise PermissionDenied
    models = filter_models(
        models_for_user(request.user).select_related("unit", "organiser"),
        filters.filters(filters.kind.value if filters.kind else ""),
        active_from=filters.active_from,
        active_to=filters.active_to,
    )
    return models.order_by("-started_on", "-pk")


@router.get("/community-models/{model_id}", response=ModelDetailOut, summary="One community model")
def get_model(request, model_id: int):
    return get_model_for_user(request.user, model_id)


class ModelIn(Schema):
    name: str = Field(..., min_length=1, max_length=255)
    kind: ModelKind
    unit: int = Field(
        ..., ge=1, le=ID_MAX, description="id of a current commune or province in your area"
    )
    communes: list[int] = Field(default_factory=list, max_length=500)
    organiser: int = Field(..., ge=1, le=ID_MAX, description="id of an agency you can see")
    audience: Audience | None = None
    started_on: datetime.date
    stopped_on: datetime.date | None = None
    reviewed_on: datetime.date | None = None
    review: str = Field("", max_length=20000)
    description: str = Field("", max_length=20000)


class ModelPatch(Schema):
    """A correction: only the fields sent change (``stopped_on`` to say it stopped,
    ``reviewed_on`` and ``review`` for its review); ``communes`` replaces the list."""

    name: str | None = Field(None, min_length=1, max_length=255)
    kind: ModelKind | None = None
    unit: int | None = Field(None, ge=1, le=ID_MAX)
    communes: list[int] | None = Field(None, max_length=500)
    organiser: int | None = Field(None, ge=1, le=ID_MAX)
    audience: Audience | None = None
    started_on: datetime.date | None = None
    stopped_on: datetime.date | None = None
    reviewed_on: datetime.date | None = None
    review: str | None = Field(None, max_length=20000)
    description: str | None = Field(None, max_length=20000)


@router.post(
    "/community-models",
    response={201: ModelDetailOut, 400: Problem, 403: Problem},
    summary="Register a community model (reporting officers, coordinators)",
)
def create_model(request, data: ModelIn):
    return _record(request, data.dict(), actions.create_model, "registering community models")


@router.patch(
    "/community-models/{model_id}",
    response={200: ModelDetailOut, 400: Problem, 403: Problem},
    summary="Correct a community model, record its review or that it stopped",
)
def update_model(request, model_id: int, data: ModelPatch):
    try:
        model = get_model_for_user(request.user, model_id, action="activity.edit")
    except PermissionDenied:
        return Status(403, {"detail": "Your role does not allow changing this community model."})
    try:
        values, communes = _values(request.user, data.dict(exclude_unset=True))
        for name in ("name", "review", "description"):
            if name in values and values[name] is None:
                raise ValidationError({name: ["This field cannot be null."]})
        actions.update_model(request.user, model, communes=communes, **values)
    except PermissionDenied:
        return Status(403, {"detail": "You may not move the community model to this unit."})
    except ValidationError as exc:
        return problem(exc)
    return Status(200, model)

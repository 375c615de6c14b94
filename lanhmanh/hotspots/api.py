"""Hotspots under /api/v1/: list, one, register, correct — with the web's scoping, the
same door (``agencies.policy``) and the same actions, which ask it again. Registered by
``lanhmanh.api.api`` (``api.add_router("", router)``).

Status moves are not a PATCH: they go through the path the web's status form enforces.
"""

import datetime
from decimal import Decimal

from django.core.exceptions import PermissionDenied, ValidationError
from ninja import Field, Query, Router, Schema
from ninja.pagination import LimitOffsetPagination, paginate
from ninja.responses import Status

from lanhmanh.agencies.policy import can
from lanhmanh.api.problems import Problem, problem

from . import actions
from .models import HotspotKind, HotspotStatus
from .queries import communes_for_user, filter_hotspots, get_hotspot_for_user, hotspots_for_user

router = Router(tags=["hotspots"])


class HotspotOut(Schema):
    id: int
    name: str
    description: str
    commune_id: int
    commune_name: str = Field(alias="commune.name")
    address: str
    kind: str
    establishment_name: str
    latitude: float | None
    longitude: float | None
    status: str
    status_since: datetime.date
    created_at: datetime.datetime
    updated_at: datetime.datetime


class StatusChangeOut(Schema):
    from_status: str
    to_status: str
    on: datetime.date
    note: str


class CheckOut(Schema):
    on: datetime.date
    agency_id: int | None
    found_activity: bool
    note: str


class HotspotDetailOut(HotspotOut):
    history: list[StatusChangeOut]
    checks: list[CheckOut]

    @staticmethod
    def resolve_history(hotspot):
        return list(hotspot.status_changes.order_by("on", "pk"))

    @staticmethod
    def resolve_checks(hotspot):
        return list(hotspot.checks.order_by("on", "pk"))


class HotspotFilters(Schema):
    status: HotspotStatus | None = None
    commune: int | None = Field(None, description="id of the commune")
    q: str = Field(
        "", max_length=100, description="name, address or establishment; diacritics optional"
    )


@router.get("/hotspots", response=list[HotspotOut], summary="Hotspots you can see")
@paginate(LimitOffsetPagination)
def list_hotspots(request, filters: Query[HotspotFilters]):
    if not can(request.user, "hotspot.read"):
        raise PermissionDenied  # as the page: 403 with a reason, not an empty list
    hotspots = filter_hotspots(
        hotspots_for_user(request.user).select_related("commune"),
        q=filters.q,
        status=filters.status.value if filters.status else "",
    )
    if filters.commune is not None:
        hotspots = hotspots.filter(commune_id=filters.commune)
    return hotspots.order_by("search", "pk")


@router.get("/hotspots/{hotspot_id}", response=HotspotDetailOut, summary="One hotspot")
def get_hotspot(request, hotspot_id: int):
    return get_hotspot_for_user(request.user, hotspot_id)


COORDINATE = {"max_digits": 9, "decimal_places": 6}


class HotspotIn(Schema):
    name: str = Field(..., min_length=1, max_length=200)
    description: str = Field("", max_length=20000)
    commune: int = Field(..., description="id of a current commune in your area")
    address: str = Field(..., min_length=1, max_length=255)
    kind: HotspotKind = HotspotKind.PUBLIC_PLACE
    establishment_name: str = Field("", max_length=255)
    latitude: Decimal | None = Field(None, ge=-90, le=90, **COORDINATE)
    longitude: Decimal | None = Field(None, ge=-180, le=180, **COORDINATE)
    status: HotspotStatus = HotspotStatus.ACTIVE
    status_since: datetime.date | None = Field(None, description="default: today")


class HotspotPatch(Schema):
    name: str | None = Field(None, min_length=1, max_length=200)
    description: str | None = Field(None, max_length=20000)
    commune: int | None = None
    address: str | None = Field(None, min_length=1, max_length=255)
    kind: HotspotKind | None = None
    establishment_name: str | None = Field(None, max_length=255)
    latitude: Decimal | None = Field(None, ge=-90, le=90, **COORDINATE)
    longitude: Decimal | None = Field(None, ge=-180, le=180, **COORDINATE)


def _fields(user, data: dict) -> dict:
    """Schema values as model values; a commune outside the user's area is refused."""
    if "commune" in data:
        commune = communes_for_user(user, write=True).filter(pk=data["commune"]).first()
        if commune is None:
            raise ValidationError(
                {"commune": ["No such commune in your area: give the id of a current commune."]}
            )
        data["commune"] = commune
    if "kind" in data and data["kind"] is not None:
        data["kind"] = HotspotKind(data["kind"]).value
    for name in ("name", "address", "description", "establishment_name", "kind"):
        if name in data and data[name] is None:
            raise ValidationError({name: ["This field cannot be null."]})
    return data


@router.post(
    "/hotspots",
    response={201: HotspotDetailOut, 400: Problem, 403: Problem},
    summary="Register a hotspot (police)",
)
def create_hotspot(request, data: HotspotIn):
    if not can(request.user, "hotspot.record"):
        return Status(403, {"detail": "Your role does not allow registering hotspots."})
    values = data.dict()
    status, status_since = values.pop("status"), values.pop("status_since")
    try:
        hotspot = actions.create_hotspot(
            request.user,
            status=HotspotStatus(status).value,
            status_since=status_since,
            **_fields(request.user, values),
        )
    except ValidationError as exc:
        return problem(exc)
    return Status(201, hotspot)


@router.patch(
    "/hotspots/{hotspot_id}",
    response={200: HotspotDetailOut, 400: Problem, 403: Problem},
    summary="Correct a hotspot's description and place (police); not its status",
)
def update_hotspot(request, hotspot_id: int, data: HotspotPatch):
    try:
        hotspot = get_hotspot_for_user(request.user, hotspot_id, action="hotspot.edit")
    except PermissionDenied:
        return Status(403, {"detail": "Your role does not allow changing this hotspot."})
    try:
        actions.update_hotspot(
            request.user, hotspot, **_fields(request.user, data.dict(exclude_unset=True))
        )
    except ValidationError as exc:
        return problem(exc)
    return Status(200, hotspot)

"""Establishments and inspections under /api/v1/, scoped like the pages and asking the
same door (``agencies.policy``): the register's actions ask it again themselves."""

import datetime

from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import get_object_or_404
from ninja import Field, Query, Router, Schema
from ninja.pagination import LimitOffsetPagination, paginate
from ninja.responses import Status

from lanhmanh.agencies.models import Agency, AgencyKind
from lanhmanh.agencies.policy import can
from lanhmanh.api.problems import Problem, problem
from lanhmanh.places.models import AdministrativeUnit, Level
from lanhmanh.text import fold

from . import actions
from .models import EstablishmentKind, EstablishmentStatus, LegalBasis, SanctionForm
from .queries import (
    establishments_for_user,
    get_establishment_for_user,
    get_inspection_for_user,
    inspections_for_user,
)

router = Router(tags=["establishments and inspections"])


class EstablishmentOut(Schema):
    id: int
    kind: str
    name: str
    address: str
    commune_id: int
    registration_number: str
    owner: str
    status: str
    opened_on: datetime.date | None
    closed_on: datetime.date | None
    risk: int
    version: int


class EstablishmentFilters(Schema):
    q: str = Field("", max_length=100)
    kind: EstablishmentKind | None = None
    status: EstablishmentStatus | None = None
    commune: int | None = None


class EstablishmentIn(Schema):
    kind: EstablishmentKind
    name: str = Field(..., min_length=1, max_length=255)
    address: str = Field("", max_length=255)
    commune_id: int
    registration_number: str = Field("", max_length=40)
    owner: str = Field("", max_length=255)
    status: EstablishmentStatus = EstablishmentStatus.ACTIVE
    opened_on: datetime.date | None = None
    closed_on: datetime.date | None = None
    risk: int = Field(2, ge=1, le=3)


class EstablishmentPatch(EstablishmentIn):
    version: int | None = Field(None, description="the version you read; refused if it changed")


def _may_read(request, action: str) -> None:
    """A list answers 403, as its page does, to a role that may not read the register."""
    if not can(request.user, action):
        raise PermissionDenied


@router.get("/establishments", response=list[EstablishmentOut])
@paginate(LimitOffsetPagination)
def list_establishments(request, filters: Query[EstablishmentFilters]):
    _may_read(request, "establishment.read")
    items = establishments_for_user(request.user)
    if filters.q:
        items = items.filter(name_search__contains=fold(filters.q))
    if filters.kind:
        items = items.filter(kind=filters.kind.value)
    if filters.status:
        items = items.filter(status=filters.status.value)
    if filters.commune is not None:
        items = items.filter(commune_id=filters.commune)
    return items.order_by("name_search", "pk")


@router.get("/establishments/{establishment_id}", response=EstablishmentOut)
def get_establishment(request, establishment_id: int):
    return get_establishment_for_user(request.user, establishment_id)


def _may_record_in(request, commune_id) -> bool:
    """Whether ``commune_id`` is a commune of today where the user may register (or to
    which they may move) an establishment."""
    commune = (
        AdministrativeUnit.objects.current().filter(pk=commune_id, level=Level.COMMUNE).first()
    )
    return commune is not None and can(request.user, "establishment.record", commune)


@router.post(
    "/establishments",
    response={201: EstablishmentOut, 400: Problem, 403: Problem},
)
def create_establishment(request, data: EstablishmentIn):
    if not _may_record_in(request, data.commune_id):
        return Status(403, {"detail": "You cannot register establishments in that commune."})
    fields = data.dict()
    fields["kind"], fields["status"] = data.kind.value, data.status.value
    establishment = actions.create_establishment(request.user, **fields)
    return Status(201, establishment)


@router.patch(
    "/establishments/{establishment_id}",
    response={
        200: EstablishmentOut,
        400: Problem,
        403: Problem,
        409: Problem,
    },
)
def update_establishment(request, establishment_id: int, data: EstablishmentPatch):
    try:
        establishment = get_establishment_for_user(
            request.user, establishment_id, action="establishment.edit"
        )
    except PermissionDenied:
        return Status(403, {"detail": "Your role cannot change this establishment."})
    if data.commune_id != establishment.commune_id and not _may_record_in(request, data.commune_id):
        return Status(403, {"detail": "You cannot move it to that commune."})
    fields = data.dict()
    fields["kind"], fields["status"] = data.kind.value, data.status.value
    version = fields.pop("version", None)
    try:
        updated = actions.update_establishment(
            request.user, establishment, version=version, **fields
        )
    except actions.StaleRecord as exc:
        return problem(exc, 409)
    except ValidationError as exc:
        return problem(exc)
    return Status(200, updated)


class ViolationIn(Schema):
    legal_basis_id: int
    proposed: SanctionForm
    fine_amount: int | None = Field(None, ge=0)
    description: str = Field("", max_length=2000)


class ViolationOut(Schema):
    id: int
    legal_basis_id: int
    proposed: str
    fine_amount: int | None
    description: str


class InspectionIn(Schema):
    establishment_id: int
    team_id: int
    inspected_on: datetime.date
    kind: str = Field(..., pattern="^(periodic|surprise)$")
    findings: str = Field("", max_length=5000)
    violations: list[ViolationIn] = []
    follow_up_by: datetime.date | None = None


class InspectionOut(Schema):
    id: int
    establishment_id: int
    team_id: int
    inspected_on: datetime.date
    kind: str
    findings: str
    follow_up_by: datetime.date | None
    follow_up_of_id: int | None
    plan_id: int | None
    version: int
    violations: list[ViolationOut]

    @staticmethod
    def resolve_violations(inspection):
        return list(inspection.violations.all())


class InspectionPatch(Schema):
    version: int | None = Field(None, description="the version you read; refused if it changed")
    inspected_on: datetime.date | None = None
    kind: str | None = Field(None, pattern="^(periodic|surprise)$")
    findings: str | None = Field(None, max_length=5000)
    follow_up_by: datetime.date | None = None


@router.get("/inspections", response=list[InspectionOut])
@paginate(LimitOffsetPagination)
def list_inspections(request, establishment: int | None = None):
    _may_read(request, "inspection.read")
    items = inspections_for_user(request.user)
    if establishment is not None:
        items = items.filter(establishment_id=establishment)
    return items.prefetch_related("violations").order_by("-inspected_on", "-pk")


@router.get("/inspections/{inspection_id}", response=InspectionOut)
def get_inspection(request, inspection_id: int):
    return get_inspection_for_user(request.user, inspection_id)


@router.patch(
    "/inspections/{inspection_id}",
    response={
        200: InspectionOut,
        400: Problem,
        403: Problem,
        409: Problem,
    },
    summary="Correct an inspection record (its violations stay as found)",
)
def update_inspection(request, inspection_id: int, data: InspectionPatch):
    try:
        inspection = get_inspection_for_user(request.user, inspection_id, action="inspection.edit")
    except PermissionDenied:
        return Status(403, {"detail": "Your role cannot correct this inspection."})
    fields = data.dict(exclude_unset=True)
    version = fields.pop("version", None)
    for name in ("inspected_on", "kind", "findings"):
        if name in fields and fields[name] is None:
            return Status(400, {"detail": f"{name} cannot be null."})
    try:
        updated = actions.update_inspection(request.user, inspection, version=version, **fields)
    except actions.StaleRecord as exc:
        return problem(exc, 409)
    except ValidationError as exc:
        return problem(exc)
    return Status(200, updated)


@router.post("/inspections", response={201: InspectionOut, 400: Problem, 403: Problem})
def create_inspection(request, data: InspectionIn):
    establishment = get_establishment_for_user(request.user, data.establishment_id)
    if not can(request.user, "inspection.record", establishment.commune):
        return Status(403, {"detail": "Your role cannot record inspections here."})
    team = get_object_or_404(Agency, pk=data.team_id, kind=AgencyKind.INSPECTION_TEAM)
    try:
        inspection = actions.record_inspection(
            request.user,
            establishment=establishment,
            team=team,
            inspected_on=data.inspected_on,
            kind=data.kind,
            findings=data.findings,
            follow_up_by=data.follow_up_by,
            violations=[
                actions.ViolationInput(
                    get_object_or_404(LegalBasis, pk=v.legal_basis_id),
                    v.proposed.value,
                    v.fine_amount,
                    v.description,
                )
                for v in data.violations
            ],
        )
    except ValidationError as exc:
        return problem(exc)
    return Status(201, inspection)

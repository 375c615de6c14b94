"""Establishments and inspections under /api/v1/, scoped like the pages."""

import datetime

from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404
from ninja import Field, Query, Router, Schema
from ninja.pagination import LimitOffsetPagination, paginate
from ninja.responses import Status

from lanhmanh.agencies.models import Agency, AgencyKind
from lanhmanh.agencies.roles import Kind
from lanhmanh.agencies.scoping import scope
from lanhmanh.places.models import AdministrativeUnit
from lanhmanh.text import fold

from . import actions
from .models import EstablishmentKind, EstablishmentStatus, LegalBasis, SanctionForm
from .queries import establishments_for_user, get_establishment_for_user, inspections_for_user

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


class Problem(Schema):
    detail: str


@router.get("/establishments", response=list[EstablishmentOut])
@paginate(LimitOffsetPagination)
def list_establishments(request, filters: Query[EstablishmentFilters]):
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


def _commune_in_reach(request, commune_id) -> bool:
    return scope(
        AdministrativeUnit.objects.current().filter(pk=commune_id, level="commune"),
        request.user,
        Kind.ESTABLISHMENT,
        "pk",
        write=True,
    ).exists()


@router.post("/establishments", response={201: EstablishmentOut, 400: Problem, 403: Problem})
def create_establishment(request, data: EstablishmentIn):
    if not _commune_in_reach(request, data.commune_id):
        return Status(403, {"detail": "You cannot register establishments in that commune."})
    fields = data.dict()
    fields["kind"], fields["status"] = data.kind.value, data.status.value
    establishment = actions.create_establishment(request.user, **fields)
    return Status(201, establishment)


@router.patch(
    "/establishments/{establishment_id}",
    response={200: EstablishmentOut, 400: Problem, 403: Problem},
)
def update_establishment(request, establishment_id: int, data: EstablishmentIn):
    establishment = get_establishment_for_user(request.user, establishment_id, write=True)
    if not _commune_in_reach(request, data.commune_id):
        return Status(403, {"detail": "You cannot move it to that commune."})
    fields = data.dict()
    fields["kind"], fields["status"] = data.kind.value, data.status.value
    return Status(200, actions.update_establishment(request.user, establishment, **fields))


class ViolationIn(Schema):
    legal_basis_id: int
    proposed: SanctionForm
    fine_amount: int | None = Field(None, ge=0)
    description: str = Field("", max_length=2000)


class InspectionIn(Schema):
    establishment_id: int
    team_id: int
    inspected_on: datetime.date
    kind: str = Field(..., pattern="^(periodic|surprise)$")
    findings: str = Field("", max_length=5000)
    violations: list[ViolationIn] = []


class InspectionOut(Schema):
    id: int
    establishment_id: int
    team_id: int
    inspected_on: datetime.date
    kind: str
    findings: str


@router.get("/inspections", response=list[InspectionOut])
@paginate(LimitOffsetPagination)
def list_inspections(request, establishment: int | None = None):
    items = inspections_for_user(request.user)
    if establishment is not None:
        items = items.filter(establishment_id=establishment)
    return items.order_by("-inspected_on", "-pk")


@router.post("/inspections", response={201: InspectionOut, 400: Problem, 403: Problem})
def create_inspection(request, data: InspectionIn):
    establishment = get_establishment_for_user(request.user, data.establishment_id)
    if not scope(
        type(establishment).objects.filter(pk=establishment.pk),
        request.user,
        Kind.INSPECTION,
        "commune",
        write=True,
    ).exists():
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
        return Status(400, {"detail": exc.messages[0]})
    return Status(201, inspection)

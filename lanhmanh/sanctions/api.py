"""Sanction decisions under /api/v1/: list, one, record, correct — with the web's
scoping and the same actions. An individual appears only by pseudonymous code."""

import datetime

from django.core.exceptions import PermissionDenied, ValidationError
from ninja import Field, Query, Router, Schema
from ninja.pagination import LimitOffsetPagination, paginate
from ninja.responses import Status

from lanhmanh.agencies.roles import Kind
from lanhmanh.agencies.scoping import can
from lanhmanh.api.problems import Problem, problem
from lanhmanh.inspections.models import LegalBasis
from lanhmanh.inspections.queries import establishments_for_user

from . import actions
from .models import Behaviour, Form, Subject
from .queries import (
    communes_for_user,
    filter_sanctions,
    get_sanction_for_user,
    issuing_agencies_for_user,
    sanctions_for_user,
)

router = Router(tags=["sanctions"])


class SanctionOut(Schema):
    id: int
    subject: str
    establishment_id: int | None
    person_code: str
    behaviour: str
    legal_basis_id: int
    legal_basis: str
    commune_id: int
    commune_name: str = Field(alias="commune.name")
    violated_on: datetime.date
    form: str
    amount: int | None
    extra_measures: str
    issuing_agency_id: int
    decision_number: str
    decided_on: datetime.date
    paid_on: datetime.date | None
    violation_id: int | None
    note: str
    version: int

    @staticmethod
    def resolve_legal_basis(sanction):
        return str(sanction.legal_basis)


class SanctionFilters(Schema):
    q: str = Field("", max_length=100, description="decision no., person code, establishment")
    behaviour: Behaviour | None = None
    form: Form | None = None
    subject: Subject | None = None
    start: datetime.date | None = Field(None, description="decided on or after")
    end: datetime.date | None = Field(None, description="decided on or before")
    unpaid: bool = False


class SanctionIn(Schema):
    subject: Subject
    establishment: int | None = Field(
        None, description="id of an establishment (subject establishment)"
    )
    person_code: str = Field(
        "", max_length=20, description="pseudonymous code (subject individual)"
    )
    behaviour: Behaviour
    legal_basis: int
    commune: int | None = Field(None, description="id of the commune; default the establishment's")
    violated_on: datetime.date
    form: Form
    amount: int | None = Field(None, ge=0, le=10_000_000_000)
    extra_measures: str = Field("", max_length=255)
    issuing_agency: int
    decision_number: str = Field(..., min_length=1, max_length=60)
    decided_on: datetime.date
    paid_on: datetime.date | None = None
    note: str = Field("", max_length=5000)


class SanctionPatch(Schema):
    version: int | None = Field(None, description="the version you read; refused if it changed")
    amount: int | None = Field(None, ge=0, le=10_000_000_000)
    form: Form | None = None
    extra_measures: str | None = Field(None, max_length=255)
    decision_number: str | None = Field(None, min_length=1, max_length=60)
    decided_on: datetime.date | None = None
    paid_on: datetime.date | None = None
    note: str | None = Field(None, max_length=5000)


def _resolve(user, data: dict) -> dict:
    """Ids as records the user may use; anything else is a field error."""
    lookups = {
        "establishment": establishments_for_user(user),
        "commune": communes_for_user(user),
        "issuing_agency": issuing_agencies_for_user(user),
        "legal_basis": LegalBasis.objects.all(),
    }
    for name, queryset in lookups.items():
        if data.get(name) is not None:
            found = queryset.filter(pk=data[name]).first()
            if found is None:
                raise ValidationError({name: [f"No such {name.replace('_', ' ')} you may use."]})
            data[name] = found
    for name in ("subject", "behaviour", "form"):
        if data.get(name) is not None:
            data[name] = str(getattr(data[name], "value", data[name]))
    return data


@router.get("/sanctions", response=list[SanctionOut], summary="Sanction decisions you can see")
@paginate(LimitOffsetPagination)
def list_sanctions(request, filters: Query[SanctionFilters]):
    values = filters.dict()
    for name in ("behaviour", "form", "subject"):
        values[name] = values[name].value if values[name] else ""
    return filter_sanctions(
        sanctions_for_user(request.user).select_related("commune", "legal_basis"), **values
    ).order_by("-decided_on", "-pk")


@router.get("/sanctions/{sanction_id}", response=SanctionOut, summary="One decision")
def get_sanction(request, sanction_id: int):
    return get_sanction_for_user(request.user, sanction_id)


@router.post(
    "/sanctions",
    response={201: SanctionOut, 400: Problem, 403: Problem},
    summary="Record a decision (police, inspectors)",
)
def create_sanction(request, data: SanctionIn):
    if not can(request.user, Kind.SANCTION, write=True):
        return Status(403, {"detail": "Your role does not allow recording sanctions."})
    try:
        sanction = actions.record_sanction(request.user, **_resolve(request.user, data.dict()))
    except ValidationError as exc:
        return problem(exc)
    return Status(201, get_sanction_for_user(request.user, sanction.pk))


@router.patch(
    "/sanctions/{sanction_id}",
    response={200: SanctionOut, 400: Problem, 403: Problem, 409: Problem},
    summary="Correct a decision or record its payment",
)
def update_sanction(request, sanction_id: int, data: SanctionPatch):
    try:
        sanction = get_sanction_for_user(request.user, sanction_id, write=True)
    except PermissionDenied:
        return Status(403, {"detail": "Your role does not allow changing this decision."})
    values = _resolve(request.user, data.dict(exclude_unset=True))
    version = values.pop("version", None)
    try:
        actions.update_sanction(request.user, sanction, version=version, **values)
    except actions.StaleSanction as exc:
        return problem(exc, 409)
    except ValidationError as exc:
        return problem(exc)
    return Status(200, get_sanction_for_user(request.user, sanction_id))

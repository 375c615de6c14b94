"""Sanction decisions under /api/v1/: list, one, record, correct — with the web's
scoping and the same actions. Lists and decisions carry no identity; the owning agency
reads the identity it recorded at ``/sanctions/{id}/identity`` (logged, not cached). A
``person_code`` is refused: a decision is never a key into the people register."""

import datetime

from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpResponse
from ninja import Field, Query, Router, Schema
from ninja.pagination import LimitOffsetPagination, paginate
from ninja.responses import Status

from lanhmanh.agencies.policy import can
from lanhmanh.api.problems import Problem, problem
from lanhmanh.inspections.models import LegalBasis
from lanhmanh.inspections.queries import establishments_for_user

from . import actions, identity
from .models import Behaviour, Form, Subject
from .queries import (
    communes_for_user,
    filter_sanctions,
    get_sanction_for_user,
    issuing_agencies_for_user,
    recording_agencies_for,
    sanctions_for_user,
)

NO_PERSON_CODE = (
    "person_code is not accepted: a decision is never a key into the people register. "
    "Send the person's identity (full_name, id_number, birth_date); refer them to a case "
    "team to link them to support."
)
NOT_OWNER = "Only the agency that recorded this decision may correct it."

router = Router(tags=["sanctions"])


class SanctionOut(Schema):
    id: int
    subject: str
    establishment_id: int | None
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
    recording_agency_id: int
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
    q: str = Field("", max_length=100, description="decision no., establishment")
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
    person_code: str | None = Field(None, description="not accepted (answered 422)")
    full_name: str = Field("", max_length=120, description="the individual's full name")
    id_number: str = Field("", max_length=20, description="the individual's ID number")
    birth_date: datetime.date | None = Field(None, description="the individual's birth date")
    behaviour: Behaviour
    legal_basis: int
    commune: int | None = Field(None, description="id of the commune; default the establishment's")
    violated_on: datetime.date
    form: Form
    amount: int | None = Field(None, ge=0, le=10_000_000_000)
    extra_measures: str = Field("", max_length=255)
    issuing_agency: int
    recording_agency: int | None = Field(
        None, description="your agency that records (and owns) it; default your first"
    )
    decision_number: str = Field(..., min_length=1, max_length=60)
    decided_on: datetime.date
    paid_on: datetime.date | None = None
    note: str = Field("", max_length=5000)


class SanctionPatch(Schema):
    version: int | None = Field(None, description="the version you read; refused if it changed")
    person_code: str | None = Field(None, description="not accepted (answered 422)")
    full_name: str | None = Field(None, max_length=120)
    id_number: str | None = Field(None, max_length=20)
    birth_date: datetime.date | None = None
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
        "recording_agency": recording_agencies_for(user),
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
    if data.get("birth_date") is not None:
        data["birth_date"] = data["birth_date"].isoformat()
    if data.get("recording_agency", 0) is None:
        del data["recording_agency"]
    return data


class SanctionIdentityOut(Schema):
    full_name: str
    id_number: str
    birth_date: str


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


@router.get(
    "/sanctions/{sanction_id}/identity",
    response={200: SanctionIdentityOut, 403: Problem, 404: Problem, 410: Problem},
    summary="The identity recorded on a decision (the owning agency only; logged)",
)
def get_identity(request, sanction_id: int, response: HttpResponse):
    response["Cache-Control"] = "no-store, private"
    sanction = get_sanction_for_user(request.user, sanction_id)
    try:
        shown = identity.read_identity(request.user, sanction, "API")
    except PermissionDenied:
        return Status(403, {"detail": "Only the agency that recorded this decision sees it."})
    if shown is None:
        return Status(410, {"detail": "No identity is kept: the violation is spent, or none."})
    return Status(200, shown)


def _person_code_refused():
    return Status(422, {"detail": NO_PERSON_CODE, "errors": {"person_code": [NO_PERSON_CODE]}})


@router.post(
    "/sanctions",
    response={201: SanctionOut, 400: Problem, 403: Problem, 422: Problem},
    summary="Record a decision (police, inspectors)",
)
def create_sanction(request, data: SanctionIn):
    if not can(request.user, "sanction.record"):
        return Status(403, {"detail": "Your role does not allow recording sanctions."})
    values = data.dict()
    if values.pop("person_code") is not None:
        return _person_code_refused()
    try:
        sanction = actions.record_sanction(request.user, **_resolve(request.user, values))
    except ValidationError as exc:
        return problem(exc)
    return Status(201, get_sanction_for_user(request.user, sanction.pk))


@router.patch(
    "/sanctions/{sanction_id}",
    response={200: SanctionOut, 400: Problem, 403: Problem, 409: Problem, 422: Problem},
    summary="Correct a decision or record its payment (the agency that recorded it)",
)
def update_sanction(request, sanction_id: int, data: SanctionPatch):
    try:
        sanction = get_sanction_for_user(request.user, sanction_id, action="sanction.edit")
    except PermissionDenied:
        return Status(403, {"detail": NOT_OWNER})
    values = data.dict(exclude_unset=True)
    if "person_code" in values:
        return _person_code_refused()
    try:
        values = _resolve(request.user, values)
    except ValidationError as exc:
        return problem(exc)
    version = values.pop("version", None)
    try:
        actions.update_sanction(request.user, sanction, version=version, **values)
    except actions.StaleSanction as exc:
        return problem(exc, 409)
    except ValidationError as exc:
        return problem(exc)
    except PermissionDenied:
        return Status(403, {"detail": NOT_OWNER})
    return Status(200, get_sanction_for_user(request.user, sanction_id))

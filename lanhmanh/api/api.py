"""The REST API, version 1: ``/api/v1/``, described at ``/api/v1/openapi.json``.

Token authentication (``Authorization: Bearer TOKEN``) or the web session; the same
scoping as the web pages. Lists answer ``{"count": N, "items": [...]}``.
"""

import datetime

from django.core.exceptions import PermissionDenied
from django.core.exceptions import ValidationError as Invalid
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _
from ninja import Field, File, FilterSchema, NinjaAPI, Query, Schema, UploadedFile
from ninja.errors import AuthenticationError, ValidationError
from ninja.pagination import LimitOffsetPagination, paginate
from ninja.responses import Status
from ninja.security import HttpBearer, django_auth

from lanhmanh import uploads
from lanhmanh.agencies import policy
from lanhmanh.agencies.models import AgencyKind
from lanhmanh.agencies.queries import agencies_for_user, get_agency_for_user
from lanhmanh.places.models import AdministrativeUnit, Level
from lanhmanh.places.queries import find_units
from lanhmanh.plans import actions as plan_actions
from lanhmanh.plans.models import PlanStatus
from lanhmanh.plans.queries import get_plan_for_user, plans_for_user

from .actions import check_token
from .problems import Problem, problem


class TokenRefused(AuthenticationError):
    """A known token that no longer works, and why (ended, made without two-factor)."""

    def __init__(self, reason: str):
        super().__init__(message=reason)
        self.reason = reason


class BearerToken(HttpBearer):
    def authenticate(self, request, token):
        user, reason = check_token(token)
        if user is None:
            # A wrong, revoked or ended token is refused even in a logged-in browser:
            # the caller asked to be this token, not the session.
            raise TokenRefused(reason) if reason else AuthenticationError
        request.user = user
        return user


api = NinjaAPI(
    title="lanhmanh API",
    version="1",
    description=(
        "Plans, registers and reports of the provincial programmes against prostitution. "
        "Authenticate with `Authorization: Bearer TOKEN` (`lanhmanh create-token USER`)."
    ),
    auth=[BearerToken(), django_auth],
    urls_namespace="api-1.0.0",
    openapi_url="/openapi.json",
    docs_url="/docs",
)


@api.exception_handler(AuthenticationError)
def unauthenticated(request, exc):
    detail = getattr(exc, "reason", "") or (
        "Authentication required: send Authorization: Bearer TOKEN."
    )
    return api.create_response(request, {"detail": detail}, status=401)


@api.exception_handler(PermissionDenied)
def forbidden(request, exc):
    # Raised by the permission door (``policy.require``), in an endpoint or in the action
    # it calls: JSON with the reason, not the HTML page.
    detail = str(exc) or "Your role does not allow this."
    return api.create_response(request, {"detail": detail}, status=403)


def _field(location) -> str:
    """A request error's field, as the forms name it: ``["body", "data", "amount"]`` →
    ``amount``; ``["query", "unit"]`` → ``unit``; the whole request → ``__all__``."""
    parts = [str(part) for part in location]
    # the body's parameter name is no field of the request
    fields = parts[2:] if parts[:1] == ["body"] and len(parts) > 2 else parts[1:]
    return ".".join(fields) or "__all__"


@api.exception_handler(ValidationError)
def invalid(request, exc):
    """A malformed request: 422 in the shape of every other problem (``Problem``), each
    message under its field."""
    errors: dict[str, list[str]] = {}
    for error in exc.errors:
        errors.setdefault(_field(error.get("loc", ())), []).append(str(error.get("msg", "")))
    return api.create_response(
        request, {"detail": "Invalid request.", "errors": errors}, status=422
    )


class UnitOut(Schema):
    id: int
    code: str
    name: str
    level: str
    division_type: str
    parent_id: int | None
    province_id: int | None
    valid_from: datetime.date | None
    valid_to: datetime.date | None


class UnitFilters(Schema):
    level: Level | None = Field(None, description="province, district or commune")
    parent: int | None = Field(None, description="id of the parent unit")
    q: str = Field(
        "", max_length=100, description="name (any case, with or without diacritics) or code"
    )
    as_of: datetime.date | None = Field(
        None, description="YYYY-MM-DD: units valid on that day (before 2025-07-01: three tiers)"
    )


@api.get("/units", response=list[UnitOut], tags=["units"], summary="Administrative units")
@paginate(LimitOffsetPagination)
def list_units(request, filters: Query[UnitFilters]):
    return find_units(
        q=filters.q,
        level=filters.level.value if filters.level else "",
        as_of=filters.as_of,
        parent=filters.parent,
    ).order_by("level", "code", "system")


@api.get("/units/{unit_id}", response=UnitOut, tags=["units"], summary="One administrative unit")
def get_unit(request, unit_id: int):
    return get_object_or_404(AdministrativeUnit, pk=unit_id)


class AgencyOut(Schema):
    id: int
    name: str
    short_name: str
    kind: str
    jurisdiction_id: int | None
    jurisdiction_name: str | None = Field(None, alias="jurisdiction.name")
    parent_id: int | None
    valid_from: datetime.date | None
    valid_to: datetime.date | None
    successor_id: int | None


class AgencyFilters(FilterSchema):
    q: str = Field("", max_length=100, description="name or short name, diacritics optional")
    kind: AgencyKind | None = None
    jurisdiction: int | None = Field(None, description="id of the jurisdiction unit")
    include_former: bool = Field(False, description="also agencies that no longer exist")


@api.get("/agencies", response=list[AgencyOut], tags=["agencies"], summary="Agencies you can see")
@paginate(LimitOffsetPagination)
def list_agencies(request, filters: Query[AgencyFilters]):
    agencies = agencies_for_user(request.user).select_related("jurisdiction").search(filters.q)
    if filters.kind:
        agencies = agencies.filter(kind=filters.kind.value)
    if filters.jurisdiction is not None:
        agencies = agencies.filter(jurisdiction_id=filters.jurisdiction)
    if not filters.include_former:
        agencies = agencies.active_on()
    return agencies.order_by("name_search", "pk")


@api.get("/agencies/{agency_id}", response=AgencyOut, tags=["agencies"], summary="One agency")
def get_agency(request, agency_id: int):
    return get_agency_for_user(request.user, agency_id)


class MembershipOut(Schema):
    agency_id: int
    agency_name: str = Field(alias="agency.name")
    role: str


class MeOut(Schema):
    username: str
    memberships: list[MembershipOut]


@api.get("/me", response=MeOut, tags=["users"], summary="Who the token belongs to")
def me(request):
    return {
        "username": request.user.get_username(),
        "memberships": list(request.user.memberships.select_related("agency")),
    }


class PlanOut(Schema):
    id: int
    kind: str
    number: str
    issued_on: datetime.date | None
    title: str
    years: list[int]
    status: str
    jurisdiction_id: int
    jurisdiction_name: str = Field(alias="jurisdiction.name")
    parent_id: int | None


class TargetOut(Schema):
    id: int
    section: str
    text: str
    kind: str
    op: str
    value: float
    value_max: float | None
    year: int | None


class TaskOut(Schema):
    id: int
    section: str
    title: str
    start: str | None
    end: str | None
    lead: list[str]
    partners: list[str]


class DutyOut(Schema):
    agency_name: str
    agency_id: int | None
    addressee_kind: str
    duties: list[str] = Field(alias="texts")


class RuleOut(Schema):
    frequency: str
    due_day: int | None
    due_month: int | None
    to: str = Field(alias="recipient_name")
    recipient_id: int | None


class PlanDetailOut(PlanOut):
    references: list[str]
    funding: list[str]
    targets: list[TargetOut]
    tasks: list[TaskOut]
    duties: list[DutyOut]
    reporting: list[RuleOut]

    @staticmethod
    def resolve_targets(plan):
        return list(plan.targets.all())

    @staticmethod
    def resolve_tasks(plan):
        tasks = []
        for task in plan.tasks.prefetch_related("agencies"):
            roles = list(task.agencies.all())
            tasks.append(
                {
                    "id": task.pk,
                    "section": task.section,
                    "title": task.title,
                    "start": _month(task.start_month),
                    "end": _month(task.end_month),
                    "lead": [r.name for r in roles if r.role == "lead"],
                    "partners": [r.name for r in roles if r.role == "partner"],
                }
            )
        return tasks

    @staticmethod
    def resolve_duties(plan):
        return list(plan.duties.all())

    @staticmethod
    def resolve_reporting(plan):
        return list(plan.reporting_rules.all())


def _month(day):
    return day.strftime("%Y-%m") if day else None


class PlanFilters(Schema):
    year: int | None = Field(None, ge=1990, le=2100, description="plans covering this year")
    status: PlanStatus | None = None
    number: str = Field("", max_length=60, description="the plan's number, e.g. 223/KH-UBND")


@api.get("/plans", response=list[PlanOut], tags=["plans"], summary="Plans you can see")
@paginate(LimitOffsetPagination)
def list_plans(request, filters: Query[PlanFilters]):
    plans = plans_for_user(request.user).select_related("jurisdiction")
    if filters.year is not None:
        plans = plans.filter(first_year__lte=filters.year, last_year__gte=filters.year)
    if filters.status:
        plans = plans.filter(status=filters.status.value)
    if filters.number.strip():
        plans = plans.filter(number__iexact=filters.number.strip())
    return plans.order_by("-issued_on", "-pk")


# Declared before /plans/{plan_id}, whose path would otherwise catch it.
@api.post(
    "/plans/extract",
    tags=["plans"],
    summary="Read a plan file and return lanhmanh.plan/v1 JSON, without saving anything",
    response={200: dict, 400: Problem, 403: Problem, 413: Problem},
)
def extract_plan(request, file: File[UploadedFile]):
    policy.require(request.user, "plan.import")
    try:
        uploads.check_size(file.size, plan_actions.MAX_UPLOAD_BYTES)
        data = file.read()
    except uploads.UploadRefused as exc:
        return problem(Invalid({"file": _(exc.template) % exc.params}), 413)
    try:
        extracted, _text, _spans = plan_actions.read_plan_file(file.name, data)
    except plan_actions.ImportRefused as exc:
        status = 413 if exc.code == "too_complex" else 400
        return problem(Invalid({"file": exc.messages}), status)
    return Status(200, extracted)


@api.get("/plans/{plan_id}", response=PlanDetailOut, tags=["plans"], summary="One plan, whole")
def get_plan(request, plan_id: int):
    return get_plan_for_user(request.user, plan_id)


from .reporting import router as reporting_router  # noqa: E402 - after the api exists

api.add_router("", reporting_router)

from lanhmanh.inspections.api import router as inspections_router  # noqa: E402

api.add_router("", inspections_router)

from lanhmanh.activities.api import router as activities_router  # noqa: E402
from lanhmanh.hotspots.api import router as hotspots_router  # noqa: E402
from lanhmanh.tips.api import router as tips_router  # noqa: E402

api.add_router("", hotspots_router)
api.add_router("", activities_router)
api.add_router("", tips_router)

from lanhmanh.people.api import router as people_router  # noqa: E402

api.add_router("", people_router)

from lanhmanh.sanctions.api import router as sanctions_router  # noqa: E402

api.add_router("", sanctions_router)

from lanhmanh.assessments.api import router as assessments_router  # noqa: E402

api.add_router("", assessments_router)

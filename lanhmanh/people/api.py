"""The people register under /api/v1/: the same doors as the pages.

- ``POST /people`` registers a person and opens their case (case workers);
- reads return the identity only to the case's own team (``case.read_identity``), and
  each such read is logged; anyone else of the area reads it only with
  ``POST /people/{id}/break-glass`` and a reason in real words (``case.break_glass``);
  no other register's record (a sanction) opens it;
- ``/people/stats`` gives counts only, for a calendar period (``?period=2026-Q2``), with
  small counts and whatever would reveal them suppressed (``counts.publish_people_table``);
- cases, consents, services and follow-ups for the case's team (``case.work``).

Every response of this router says ``Cache-Control: no-store``.
"""

from __future__ import annotations

import datetime
import functools

from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from ninja import Field, Query, Router, Schema
from ninja.pagination import LimitOffsetPagination, paginate
from ninja.responses import Status

from lanhmanh.agencies import policy
from lanhmanh.agencies.models import Agency
from lanhmanh.api.problems import Problem, problem
from lanhmanh.places.models import AdministrativeUnit, Level, System

from . import actions, counts, identity
from .models import ConsentMethod, Group, Outcome, Purpose, Service, ServiceKind
from .queries import (
    cases_for_user,
    get_case_for_user,
    get_person_for_user,
    people_for_user,
    stats_area,
)

router = Router(tags=["people"])


def no_store(run):
    """Nothing of the people register is kept by a browser or a proxy: every response of
    the router's operations (errors included) says so."""

    @functools.wraps(run)
    def wrapper(request, *args, **kwargs):
        response = run(request, *args, **kwargs)
        response["Cache-Control"] = "no-store, private"
        return response

    return wrapper


router.add_decorator(no_store, mode="view")


class IdentityOut(Schema):
    full_name: str
    id_number: str
    birth_date: str
    phone: str
    address: str


def _commune(obj):
    return obj["commune"] if isinstance(obj, dict) else obj.commune


class PersonOut(Schema):
    id: int
    code: str
    groups: list[str]
    commune_code: str
    commune_name: str

    @staticmethod
    def resolve_commune_code(obj):
        return _commune(obj).code

    @staticmethod
    def resolve_commune_name(obj):
        return _commune(obj).name


class PersonDetailOut(PersonOut):
    identity: IdentityOut | None = None
    live_violations: int = 0


class PersonIn(Schema):
    full_name: str = Field(..., min_length=1, max_length=120)
    id_number: str = Field("", max_length=20)
    birth_year: int | None = Field(None, ge=1900, le=2100)
    birth_date: datetime.date | None = None
    phone: str = Field("", max_length=20)
    address: str = Field("", max_length=300)
    commune_code: str = Field(..., max_length=10, description="code of a current commune")
    groups: list[Group] = Field(..., min_length=1)
    team: int | None = Field(None, description="id of your agency holding the case")
    intake_note: str = Field("", max_length=4000)


class CreatedOut(PersonOut):
    case_id: int


def _detail(user, person):
    shown = None
    if identity.may_read(user, person):
        shown = identity.read_identity(user, person, "api")
    from .violations import live_counts

    return {
        "id": person.pk,
        "code": person.code,
        "groups": person.groups,
        "commune": person.commune,
        "identity": shown,
        "live_violations": live_counts([person.code]).get(person.code, 0),
    }


@router.post(
    "/people",
    response={201: CreatedOut, 400: Problem, 403: Problem},
    summary="Register a person and open their support case (case workers)",
)
def create_person(request, data: PersonIn):
    user = request.user
    if not policy.can(user, "case.open"):
        return Status(403, {"detail": "Your role does not allow registering people."})
    commune = (
        AdministrativeUnit.objects.current()
        .filter(system=System.TWO_TIER, level=Level.COMMUNE, code=data.commune_code.strip())
        .first()
    )
    team = Agency.objects.filter(pk=data.team).first() if data.team else None
    if data.team and team is None:
        return Status(400, {"detail": "No such team.", "errors": {"team": ["No such agency."]}})
    birth = data.birth_date.isoformat() if data.birth_date else str(data.birth_year or "")
    try:
        case = actions.intake(
            user,
            full_name=data.full_name,
            id_number=data.id_number,
            birth_date=birth,
            phone=data.phone,
            address=data.address,
            commune=commune,
            groups=[Group(g).value for g in data.groups],
            team=team,
            intake_note=data.intake_note,
        )
    except ValidationError as exc:
        return problem(exc)
    person = case.person
    return Status(
        201,
        {
            "id": person.pk,
            "code": person.code,
            "groups": person.groups,
            "commune": person.commune,
            "case_id": case.pk,
        },
    )


@router.get("/people", response=list[PersonOut], summary="People you may reach (codes only)")
@paginate(LimitOffsetPagination)
def list_people(request):
    return people_for_user(request.user).select_related("commune").order_by("code")


class StatsOut(Schema):
    period: str
    period_label: str
    start: datetime.date
    end: datetime.date
    unit: int | None
    total: int | str
    open_cases: int | str
    by_service: dict[str, int | str]
    by_group: dict[str, int | str]
    by_commune: dict[str, int | str]
    open_by_commune: dict[str, int | str]


class StatsFilters(Schema):
    period: str = Field(
        "", description="2026 (year), 2026-H1 (half-year), 2026-Q2 (quarter), 2026-05 (month)"
    )
    unit: int | None = Field(None, description="a unit inside your area (default: all of it)")


@router.get(
    "/people/stats",
    response={200: StatsOut, 403: Problem, 404: Problem, 422: Problem},
    summary="People reached in your area for a calendar period, counts only "
    '(small counts and what would reveal them: "x")',
)
def people_stats(request, filters: Query[StatsFilters]):
    from lanhmanh.agencies import policy

    user = request.user
    if not policy.can(user, "people.stats"):
        return Status(403, {"detail": "Your role does not allow these statistics."})
    try:
        period = counts.parse_period(filters.period) if filters.period else counts.current_year()
    except ValueError as exc:
        return Status(422, {"detail": str(exc)})
    try:
        area = stats_area(user, filters.unit)
    except Http404:
        return Status(404, {"detail": "No such unit in your area."})
    table = counts.publish_people_table(area, period)
    return Status(
        200,
        {
            "period": period.key,
            "period_label": period.label,
            "start": period.start,
            "end": period.end,
            "unit": area.unit_id,
            "total": table.total,
            "open_cases": table.open_cases,
            "by_service": dict(table.by_service),
            "by_group": dict(table.by_group),
            "by_commune": dict(table.by_commune),
            "open_by_commune": dict(table.open_by_commune),
        },
    )


@router.get(
    "/people/{person_id}",
    response=PersonDetailOut,
    summary="One person; the identity only to the case's team (logged)",
)
def get_person(request, person_id: int):
    return _detail(request.user, get_person_for_user(request.user, person_id))


class ReasonIn(Schema):
    reason: str = Field(..., max_length=500, description="why, in real words (3 words at least)")


@router.post(
    "/people/{person_id}/break-glass",
    response={200: PersonDetailOut, 400: Problem, 403: Problem},
    summary="An exceptional read of an identity by someone of the area not on the case's "
    "team, with a reason in real words (logged, listed for the coordinators' review)",
)
def break_glass(request, person_id: int, data: ReasonIn):
    person = get_person_for_user(request.user, person_id)
    try:
        shown = identity.read_identity(request.user, person, data.reason, break_glass=True)
    except PermissionDenied:
        return Status(
            403, {"detail": "Only a coordinator or case worker of the person's area may do this."}
        )
    except ValidationError as exc:
        return problem(exc)
    return Status(200, {**_detail(request.user, person), "identity": shown})


# --- cases -----------------------------------------------------------------------------


class ConsentOut(Schema):
    id: int
    purpose: str
    agency_id: int | None
    given_on: datetime.date
    method: str
    withdrawn_on: datetime.date | None


class ServiceOut(Schema):
    id: int
    kind: str
    provider_id: int
    referred_on: datetime.date
    status: str
    responded_on: datetime.date | None


class FollowUpOut(Schema):
    id: int
    due_on: datetime.date
    done_on: datetime.date | None


class CaseOut(Schema):
    id: int
    person_code: str = Field(alias="person.code")
    team_id: int
    commune_code: str = Field(alias="commune.code")
    status: str
    opened_on: datetime.date
    closed_on: datetime.date | None
    outcome: str
    needs: list[str]


class CaseDetailOut(CaseOut):
    consents: list[ConsentOut]
    services: list[ServiceOut]
    follow_ups: list[FollowUpOut]

    @staticmethod
    def resolve_consents(case):
        return list(case.person.consents.all())

    @staticmethod
    def resolve_services(case):
        return list(case.services.all())

    @staticmethod
    def resolve_follow_ups(case):
        return list(case.follow_ups.all())


@router.get("/cases", response=list[CaseOut], summary="Support cases in your area (codes only)")
@paginate(LimitOffsetPagination)
def list_cases(request, status: str = ""):
    cases = cases_for_user(request.user).select_related("person", "commune")
    if status:
        cases = cases.filter(status=status)
    return cases.order_by("-opened_on", "-pk")


def _case(request, case_id, write=False):
    action = "case.work" if write else "case.read"
    try:
        return get_case_for_user(request.user, case_id, action=action), None
    except PermissionDenied:
        return None, Status(403, {"detail": "Only the case's team may change this case."})


@router.get("/cases/{case_id}", response=CaseDetailOut, summary="One support case")
def get_case(request, case_id: int):
    return get_case_for_user(request.user, case_id)


class ConsentIn(Schema):
    purpose: Purpose
    agency: int | None = None
    given_on: datetime.date
    method: ConsentMethod
    witness: str = Field("", max_length=120)


def _agency(pk):
    if pk is None:
        return None
    agency = Agency.objects.filter(pk=pk).first()
    if agency is None:
        raise ValidationError({"agency": ["No such agency."]})
    return agency


@router.post(
    "/cases/{case_id}/consents",
    response={201: ConsentOut, 400: Problem, 403: Problem},
    summary="Record a consent",
)
def add_consent(request, case_id: int, data: ConsentIn):
    case, refused = _case(request, case_id, write=True)
    if refused:
        return refused
    try:
        consent = actions.record_consent(
            request.user,
            case,
            purpose=Purpose(data.purpose).value,
            agency=_agency(data.agency),
            given_on=data.given_on,
            method=ConsentMethod(data.method).value,
            witness=data.witness,
        )
    except ValidationError as exc:
        return problem(exc)
    return Status(201, consent)


class ServiceIn(Schema):
    kind: ServiceKind
    provider: int
    referred_on: datetime.date | None = None
    note: str = Field("", max_length=4000)


@router.post(
    "/cases/{case_id}/services",
    response={201: ServiceOut, 400: Problem, 403: Problem},
    summary="Record a service or a referral (needs consent)",
)
def add_service(request, case_id: int, data: ServiceIn):
    case, refused = _case(request, case_id, write=True)
    if refused:
        return refused
    try:
        provider = _agency(data.provider)
        service = actions.add_service(
            request.user,
            case,
            kind=ServiceKind(data.kind).value,
            provider=provider,
            referred_on=data.referred_on,
            note=data.note,
        )
    except ValidationError as exc:
        return problem(exc)
    return Status(201, service)


class AnswerIn(Schema):
    accepted: bool
    on: datetime.date | None = None
    note: str = Field("", max_length=500)


@router.post(
    "/services/{service_id}/answer",
    response={200: ServiceOut, 400: Problem, 404: Problem},
    summary="The provider accepts or declines a referral",
)
def answer_service(request, service_id: int, data: AnswerIn):
    service = Service.objects.select_related("case__person", "provider").filter(pk=service_id)
    service = service.first()
    if service is None or not actions.may_answer(request.user, service):
        raise Http404
    try:
        actions.answer_referral(request.user, service, data.accepted, data.on, data.note)
    except ValidationError as exc:
        return problem(exc)
    return Status(200, service)


class FollowUpIn(Schema):
    due_on: datetime.date
    note: str = Field("", max_length=4000)


@router.post(
    "/cases/{case_id}/follow-ups",
    response={201: FollowUpOut, 400: Problem, 403: Problem},
    summary="Plan a follow-up",
)
def add_follow_up(request, case_id: int, data: FollowUpIn):
    case, refused = _case(request, case_id, write=True)
    if refused:
        return refused
    try:
        item = actions.add_follow_up(request.user, case, data.due_on, data.note)
    except ValidationError as exc:
        return problem(exc)
    return Status(201, item)


class CloseIn(Schema):
    outcome: Outcome
    closed_on: datetime.date | None = None
    note: str = Field("", max_length=4000)


@router.post(
    "/cases/{case_id}/close",
    response={200: CaseOut, 400: Problem, 403: Problem},
    summary="Close a case with its outcome",
)
def close_case(request, case_id: int, data: CloseIn):
    case, refused = _case(request, case_id, write=True)
    if refused:
        return refused
    try:
        actions.close_case(
            request.user, case, Outcome(data.outcome).value, data.closed_on, data.note
        )
    except ValidationError as exc:
        return problem(exc)
    return Status(200, case)

"""Tips under /api/v1/: list, detail, staff intake, assignment and status — with the web's
scoping and the same actions. The sender's contact never leaves through the API."""

import datetime

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from ninja import Field, Query, Router, Schema
from ninja.pagination import LimitOffsetPagination, paginate
from ninja.responses import Status as Reply

from lanhmanh.agencies import policy
from lanhmanh.agencies.models import Agency
from lanhmanh.api.problems import Problem, problem

from . import actions
from .models import CONTENT_MAX, Category, Channel, Outcome, Status
from .queries import communes_for_user, get_tip_for_user, tips_for_user

router = Router(tags=["tips"])


class TipOut(Schema):
    id: int
    reference: str
    channel: str
    category: str
    received_at: datetime.datetime
    commune_id: int
    commune_name: str = Field(alias="commune.name")
    assigned_agency_id: int | None
    deadline: datetime.date
    status: str
    outcome: str
    closed_at: datetime.datetime | None
    overdue: bool = Field(alias="is_overdue")
    on_time: bool | None
    anonymous: bool

    @staticmethod
    def resolve_anonymous(tip):
        return not tip.has_contact


class TipEventOut(Schema):
    at: datetime.datetime
    action: str
    from_status: str
    to_status: str
    agency_id: int | None
    user: str | None
    comment: str

    @staticmethod
    def resolve_user(event):
        return event.user.get_username() if event.user else None


class TipDetailOut(TipOut):
    content: str
    events: list[TipEventOut]

    @staticmethod
    def resolve_events(tip):
        return list(tip.events.select_related("user"))


class TipFilters(Schema):
    status: Status | None = None
    category: Category | None = None
    overdue: bool = False
    q: str = Field("", max_length=100, description="words of the content, diacritics optional")


@router.get("/tips", response=list[TipOut], summary="Tips you can see (no sender contact)")
@paginate(LimitOffsetPagination)
def list_tips(request, filters: Query[TipFilters]):
    tips = tips_for_user(request.user).select_related("commune").search(filters.q)
    if filters.status:
        tips = tips.filter(status=filters.status.value)
    if filters.category:
        tips = tips.filter(category=filters.category.value)
    if filters.overdue:
        tips = tips.overdue()
    return tips.order_by("-received_at", "-pk")


@router.get("/tips/{tip_id}", response=TipDetailOut, summary="One tip (no sender contact)")
def get_tip(request, tip_id: int):
    return get_tip_for_user(request.user, tip_id)


class TipIn(Schema):
    channel: Channel
    category: Category
    commune_id: int
    content: str = Field(..., max_length=CONTENT_MAX)
    received_at: datetime.datetime | None = None
    assigned_agency_id: int | None = None
    sender_name: str = Field("", max_length=120)
    sender_phone: str = Field("", max_length=20)
    sender_email: str = Field("", max_length=254)


@router.post(
    "/tips",
    response={201: TipDetailOut, 400: Problem, 403: Problem},
    summary="Record a tip received by hotline, mailbox, in person or referral",
)
def create_tip(request, data: TipIn):
    if not policy.can(request.user, "tip.record"):
        return Reply(403, {"detail": "Your role does not allow recording tips."})
    commune = communes_for_user(request.user).filter(pk=data.commune_id).first()
    if commune is None:
        return Reply(400, {"detail": "commune_id is not a current commune in your area."})
    agency = None
    if data.assigned_agency_id is not None:
        agency = Agency.objects.filter(pk=data.assigned_agency_id).first()
        if agency is None:
            return Reply(400, {"detail": "Unknown assigned_agency_id."})
    try:
        tip = actions.receive_tip(
            request.user,
            channel=data.channel.value,
            commune=commune,
            category=data.category.value,
            content=data.content,
            received_at=data.received_at,
            contact={
                "name": data.sender_name,
                "phone": data.sender_phone,
                "email": data.sender_email,
            },
            agency=agency,
        )
    except PermissionDenied:
        return Reply(403, {"detail": "Only the police of the tip's area may route it."})
    except ValidationError as exc:
        return problem(exc)
    return Reply(201, get_tip_for_user(request.user, tip.pk))


class TipPatch(Schema):
    assigned_agency_id: int | None = Field(None, description="assign (or reassign) the tip")
    status: Status | None = Field(None, description="verifying, or handled with an outcome")
    outcome: Outcome | None = None
    note: str = Field("", max_length=2000, description="required to close; else added as note")


@router.patch(
    "/tips/{tip_id}",
    response={200: TipDetailOut, 400: Problem, 403: Problem},
    summary="Assign a tip, start its verification or close it with an outcome",
)
def update_tip(request, tip_id: int, data: TipPatch):
    """Once a tip has a handling agency, that agency's police alone change it; before,
    the police of its area route it."""
    tip = get_tip_for_user(request.user, tip_id)
    refused = Reply(
        403,
        {
            "detail": "Only the police of the tip's handling agency may change it "
            "(before it has one, the police of its area)."
        },
    )
    step = "note" if data.assigned_agency_id is None else "assign"
    if not policy.can(request.user, actions.permission_for(step, tip), tip):
        return refused
    if data.assigned_agency_id is None and data.status is None and not data.note.strip():
        return Reply(400, {"detail": "Nothing to change: send assigned_agency_id, status or note."})
    try:
        with transaction.atomic():
            _apply(request.user, tip, data)
    except PermissionDenied:
        return refused
    except ValidationError as exc:
        return problem(exc)
    return Reply(200, get_tip_for_user(request.user, tip.pk))


def _apply(user, tip, data: TipPatch) -> None:
    """All of a PATCH or nothing of it: the caller runs this in one transaction."""
    if data.assigned_agency_id is not None and data.assigned_agency_id != tip.assigned_agency_id:
        agency = Agency.objects.filter(pk=data.assigned_agency_id).first()
        if agency is None:
            raise ValidationError("Unknown assigned_agency_id.")
        actions.assign_tip(user, tip, agency)
    if data.status == Status.VERIFYING and tip.status != Status.VERIFYING:
        actions.start_verification(user, tip, note=data.note)
    elif data.status == Status.HANDLED:
        if data.outcome is None:
            raise ValidationError("Closing a tip needs its outcome.")
        actions.close_tip(user, tip, data.outcome.value, data.note)
    elif data.status == Status.RECEIVED and tip.status != Status.RECEIVED:
        raise ValidationError("A tip cannot go back to received.")
    elif data.status is None and data.note.strip():
        actions.add_note(user, tip, data.note)

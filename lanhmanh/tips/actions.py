"""Every change to a tip: receipt, assignment, verification, closure, notes, and the
logged reveal of the sender's contact. Views, the API and the demo call these.

Audit lines name the tip, the user and the step, never the content or the contact.
"""

from __future__ import annotations

import datetime
import logging

from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from lanhmanh.agencies import policy
from lanhmanh.places.models import AdministrativeUnit, Level

from .models import (
    CONTENT_MAX,
    Category,
    Channel,
    Outcome,
    SenderContactView,
    Status,
    Tip,
    TipEvent,
)
from .queries import agencies_for_tip

log = logging.getLogger("lanhmanh.audit")
CONTENT_MIN = 20
NOTE_MAX = 2000


def _clean_contact(contact: dict | None) -> dict:
    contact = {k: (contact or {}).get(k, "") or "" for k in ("name", "phone", "email")}
    contact = {k: str(v).strip() for k, v in contact.items()}
    errors = []
    if len(contact["name"]) > 120:
        errors.append(_("The name is longer than 120 characters."))
    phone = contact["phone"]
    if phone and (len(phone) > 20 or not all(ch.isdigit() or ch in " +-.()" for ch in phone)):
        errors.append(_("The phone number may hold only digits, spaces and + - . ( )."))
    if contact["email"]:
        try:
            validate_email(contact["email"])
        except ValidationError:
            errors.append(_("The e-mail address is not valid."))
    if errors:
        raise ValidationError(errors)
    return contact


def _event(tip, user, action, *, before="", agency=None, comment="", at=None) -> TipEvent:
    return TipEvent.objects.create(
        tip=tip,
        user=user if getattr(user, "is_authenticated", False) else None,
        action=action,
        from_status=before,
        to_status=tip.status,
        agency=agency,
        comment=comment,
        at=at or timezone.now(),
    )


def _user_id(user):
    return user.pk if getattr(user, "is_authenticated", False) else "-"


# The steps of a tip's handling and what each asks of the door. Once a tip has a
# handling agency, that agency's police alone work it and hand it over; before, the
# police of its area route it (and may note what they learn).
def permission_for(step: str, tip: Tip) -> str:
    """The action of the door that ``step`` ("assign", "verify", "close", "note",
    "reveal") needs on ``tip`` in its present state."""
    if step == "reveal":
        return "tip.reveal_contact"
    if not tip.assigned_agency_id:
        return "tip.route"
    return "tip.assign" if step == "assign" else "tip.handle"


@transaction.atomic
def receive_tip(
    user,
    *,
    channel: str,
    commune: AdministrativeUnit,
    category: str,
    content: str,
    received_at: datetime.datetime | None = None,
    contact: dict | None = None,
    agency=None,
) -> Tip:
    """Record a tip (``user`` None: the public form; else ``tip.record`` in the
    commune). Validates everything first."""
    if user is not None and commune is not None:
        policy.require(user, "tip.record", policy.Subject(unit_id=commune.pk))
    content = (content or "").strip()
    errors = []
    if channel not in Channel.values:
        errors.append(_("Unknown channel."))
    if category not in Category.values:
        errors.append(_("Unknown category."))
    if commune is None or commune.level != Level.COMMUNE or not commune.is_current:
        errors.append(_("Choose a current commune or ward."))
    if len(content) < CONTENT_MIN:
        errors.append(
            _("Describe what happened in at least %(n)s characters.") % {"n": CONTENT_MIN}
        )
    if len(content) > CONTENT_MAX:
        errors.append(_("The description is longer than %(n)s characters.") % {"n": CONTENT_MAX})
    received_at = received_at or timezone.now()
    if received_at > timezone.now() + datetime.timedelta(minutes=5):
        errors.append(_("The time received cannot be in the future."))
    try:
        contact = _clean_contact(contact)
    except ValidationError as exc:
        errors.extend(exc.messages)
    if errors:
        raise ValidationError(errors)
    tip = Tip(
        channel=channel,
        commune=commune,
        category=category,
        content=content,
        received_at=received_at,
        created_by=user if getattr(user, "is_authenticated", False) else None,
    )
    tip.set_contact(**contact)
    tip.save()
    _event(tip, user, TipEvent.Action.RECEIVED, at=received_at)
    log.info(
        "tip received tip=%s channel=%s category=%s commune=%s user=%s",
        tip.pk,
        channel,
        category,
        commune.pk,
        _user_id(user),
    )
    if agency is not None:
        assign_tip(user, tip, agency)
    return tip


@transaction.atomic
def assign_tip(user, tip: Tip, agency, note: str = "") -> Tip:
    """Route a tip nobody handles yet (``tip.route``), or hand it over from its handling
    agency to another agency covering its commune (``tip.assign``)."""
    policy.require(user, permission_for("assign", tip), tip)
    if tip.status == Status.HANDLED:
        raise ValidationError(_("A handled tip cannot be reassigned."))
    if agency is None or not agencies_for_tip(tip).filter(pk=agency.pk).exists():
        raise ValidationError(_("Choose an agency that covers the tip's commune."))
    if agency.pk == tip.assigned_agency_id:
        raise ValidationError(_("The tip is already assigned to this agency."))
    tip.assigned_agency = agency
    tip.save(update_fields=["assigned_agency"])
    _event(tip, user, TipEvent.Action.ASSIGNED, before=tip.status, agency=agency, comment=note)
    log.info("tip assigned tip=%s agency=%s user=%s", tip.pk, agency.pk, _user_id(user))
    return tip


@transaction.atomic
def start_verification(user, tip: Tip, note: str = "", at=None) -> Tip:
    policy.require(user, permission_for("verify", tip), tip)
    if tip.status != Status.RECEIVED:
        raise ValidationError(_("Only a tip just received can go to verification."))
    if not tip.assigned_agency_id:
        raise ValidationError(_("Assign the tip to an agency before verifying it."))
    before, tip.status = tip.status, Status.VERIFYING
    tip.save(update_fields=["status"])
    _event(tip, user, TipEvent.Action.VERIFYING, before=before, comment=note, at=at)
    log.info("tip verifying tip=%s user=%s", tip.pk, _user_id(user))
    return tip


@transaction.atomic
def close_tip(user, tip: Tip, outcome: str, note: str, at=None) -> Tip:
    """Classify the verified tip and close it; on time if closed by its deadline."""
    policy.require(user, permission_for("close", tip), tip)
    if tip.status != Status.VERIFYING:
        raise ValidationError(_("Only a tip being verified can be closed."))
    if outcome not in Outcome.values:
        raise ValidationError(_("Choose the outcome of the verification."))
    note = (note or "").strip()
    if not note:
        raise ValidationError(_("Say briefly how the tip was handled."))
    if len(note) > NOTE_MAX:
        raise ValidationError(_("The note is longer than %(n)s characters.") % {"n": NOTE_MAX})
    at = at or timezone.now()
    if at < tip.received_at:
        raise ValidationError(_("A tip cannot be closed before it was received."))
    before = tip.status
    tip.status, tip.outcome, tip.closed_at = Status.HANDLED, outcome, at
    tip.save(update_fields=["status", "outcome", "closed_at"])
    _event(tip, user, TipEvent.Action.CLOSED, before=before, comment=note, at=at)
    log.info(
        "tip closed tip=%s outcome=%s on_time=%s user=%s",
        tip.pk,
        outcome,
        tip.on_time,
        _user_id(user),
    )
    return tip


@transaction.atomic
def add_note(user, tip: Tip, note: str) -> TipEvent:
    policy.require(user, permission_for("note", tip), tip)
    note = (note or "").strip()
    if not note:
        raise ValidationError(_("The note is empty."))
    if len(note) > NOTE_MAX:
        raise ValidationError(_("The note is longer than %(n)s characters.") % {"n": NOTE_MAX})
    log.info("tip note tip=%s user=%s", tip.pk, _user_id(user))
    return _event(tip, user, TipEvent.Action.NOTE, before=tip.status, comment=note)


@transaction.atomic
def reveal_contact(user, tip: Tip, reason: str) -> dict | None:
    """The sender's contact, for the police of the handling agency only
    (``tip.reveal_contact``); every reveal logged with its reason."""
    policy.require(user, permission_for("reveal", tip), tip)
    if not tip.has_contact:
        return None  # anonymous: nothing to reveal, nothing to log
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError(_("Say why you need the sender's contact."))
    SenderContactView.objects.create(tip=tip, user=user, reason=reason[:200])
    log.info("tip sender contact viewed tip=%s user=%s", tip.pk, user.pk)
    return tip.read_contact()

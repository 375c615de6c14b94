"""Data-subject requests (Personal Data Protection Law, in force 1/1/2026): deadlines in
working days, the password-protected export for an access request, and erasure.

Deadlines: every request is acknowledged within 2 working days; a withdrawal of consent
is acted on within 15 working days. Working days are Monday to Friday less Vietnam's
public holidays and compensatory days off (``lanhmanh.workdays``).
"""

from __future__ import annotations

import datetime
import io
import json
import logging

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from lanhmanh.agencies import policy
from lanhmanh.audit.actions import record_access, record_change
from lanhmanh.audit.models import AccessLog
from lanhmanh.workdays import add_working_days

from . import identity, violations
from .models import Consent, DataSubjectRequest, Person, RequestKind

log = logging.getLogger("lanhmanh.audit")
ACKNOWLEDGE_DAYS = 2
ACT_DAYS = {RequestKind.WITHDRAWAL: 15}
PASSWORD_MIN = 10


def on_team(user, person: Person | None) -> bool:
    """Whether the user is on the team of one of the person's cases (``case.work``)."""
    if person is None:
        return False
    return any(policy.can(user, "case.work", case) for case in person.cases.all())


def _team(user, person: Person) -> None:
    if not on_team(user, person):
        raise PermissionDenied


@transaction.atomic
def receive_request(
    user, person: Person, kind: str, received_on: datetime.date | None = None, note: str = ""
) -> DataSubjectRequest:
    _team(user, person)
    received_on = received_on or timezone.localdate()
    if kind not in RequestKind.values:
        raise ValidationError({"kind": [_("Choose the kind of request.")]})
    if received_on > timezone.localdate():
        raise ValidationError({"received_on": [_("The date cannot be in the future.")]})
    act_days = ACT_DAYS.get(kind)
    case = person.cases.order_by("-opened_on").first()
    request = DataSubjectRequest.objects.create(
        person=person,
        person_code=person.code,
        commune=case.commune if case else person.commune,
        kind=kind,
        received_on=received_on,
        acknowledge_by=add_working_days(received_on, ACKNOWLEDGE_DAYS),
        act_by=add_working_days(received_on, act_days) if act_days else None,
        note=(note or "").strip()[:2000],
        created_by=user,
    )
    log.info("data-subject request person=%s kind=%s user=%s", person.code, kind, user.pk)
    return request


def requests_for_user(user):
    from lanhmanh.agencies.roles import Kind
    from lanhmanh.agencies.scoping import scope

    return scope(DataSubjectRequest.objects.all(), user, Kind.SUPPORT_CASE, unit_field="commune")


def may_handle(user, request: DataSubjectRequest) -> bool:
    """The team of the person's case handles the request (the coordinators watch the
    deadlines in the list)."""
    return on_team(user, request.person)


def _handler(user, request: DataSubjectRequest):
    if not may_handle(user, request):
        raise PermissionDenied


@transaction.atomic
def acknowledge(user, request: DataSubjectRequest, on=None) -> DataSubjectRequest:
    _handler(user, request)
    if request.acknowledged_on:
        raise ValidationError(_("The request was already acknowledged."))
    request.acknowledged_on = on or timezone.localdate()
    request.save(update_fields=["acknowledged_on"])
    return request


@transaction.atomic
def complete(user, request: DataSubjectRequest, on=None, note: str = "") -> DataSubjectRequest:
    """Close the request. A withdrawal withdraws every consent still in force; an erasure
    erases the person (``erase``)."""
    _handler(user, request)
    if request.completed_on:
        raise ValidationError(_("The request was already completed."))
    on = on or timezone.localdate()
    if request.kind == RequestKind.WITHDRAWAL and request.person:
        from . import actions

        for consent in Consent.objects.filter(person=request.person, withdrawn_on__isnull=True):
            case = request.person.cases.order_by("-opened_on").first()
            actions.withdraw_consent(user, case, consent, max(on, consent.given_on))
    if request.kind == RequestKind.ERASURE and request.person:
        erase(user, request.person, request)
        request.refresh_from_db()
    request.completed_on = on
    if request.acknowledged_on is None:
        request.acknowledged_on = on
    if note:
        request.note = (request.note + "\n" + note.strip()).strip()[:2000]
    request.save(update_fields=["completed_on", "acknowledged_on", "note"])
    return request


@transaction.atomic
def erase(user, person: Person, request: DataSubjectRequest) -> None:
    """Delete the person and everything held about them. What remains: the request (kind
    and dates) and an audit entry that an erasure happened, neither with any data."""
    _team(user, person)
    if request.kind != RequestKind.ERASURE or request.person_id != person.pk:
        raise ValidationError(_("An erasure needs a lawful erasure request for this person."))
    record_change(user, person, {}, None, note=f"erased on request {request.pk}")
    request.note = ""
    request.save(update_fields=["note"])
    log.info("person erased request=%s user=%s", request.pk, user.pk)
    person.delete()


def everything_about(person: Person) -> dict:
    """All that is held about the person, as plain JSON values."""

    def day(value):
        return value.isoformat() if value else None

    codes = [person.code]
    return {
        "code": person.code,
        "identity": identity.decrypt_identity(person),
        "groups": person.groups,
        "commune": person.commune.name,
        "registered_at": person.created_at.isoformat(),
        "consents": [
            {
                "purpose": c.purpose,
                "agency": c.agency.name if c.agency else None,
                "given_on": day(c.given_on),
                "method": c.method,
                "witness": c.witness,
                "withdrawn_on": day(c.withdrawn_on),
            }
            for c in person.consents.select_related("agency")
        ],
        "cases": [
            {
                "team": case.team.name,
                "commune": case.commune.name,
                "status": case.status,
                "opened_on": day(case.opened_on),
                "closed_on": day(case.closed_on),
                "outcome": case.outcome,
                "intake_note": case.intake_note,
                "needs": case.needs,
                "assessment": case.assessment_note,
                "plan": case.plan,
                "services": [
                    {
                        "service": s.kind,
                        "provider": s.provider.name,
                        "date": day(s.referred_on),
                        "status": s.status,
                        "note": s.note,
                    }
                    for s in case.services.select_related("provider")
                ],
                "follow_ups": [
                    {"due_on": day(f.due_on), "done_on": day(f.done_on), "note": f.note}
                    for f in case.follow_ups.all()
                ],
            }
            for case in person.cases.select_related("team", "commune")
        ],
        "violations": [
            {"form": v.form, "decided_on": day(v.decided_on), "behaviour": v.behaviour}
            for v in violations.sanctions_for(codes).get(person.code, [])
        ],
        "identity_reads": [
            {"at": row.at.isoformat(), "access": row.access, "reason": row.reason}
            for row in AccessLog.objects.filter(subject=person.code).order_by("at")
        ],
    }


def export_for_access(user, request: DataSubjectRequest, password: str) -> bytes:
    """A ZIP (AES-256) holding everything about the person, opened with ``password``;
    the export is written to the access log."""
    import pyzipper

    person = request.person
    if person is None or request.kind != RequestKind.ACCESS:
        raise ValidationError(_("Only an access request of a person still held is exported."))
    _team(user, person)
    if len(password or "") < PASSWORD_MIN:
        raise ValidationError(
            {"password": [_("Use a password of at least %(n)s characters.") % {"n": PASSWORD_MIN}]}
        )
    data = everything_about(person)
    record_access(user, person.code, AccessLog.Access.EXPORT, f"access request {request.pk}")
    out = io.BytesIO()
    with pyzipper.AESZipFile(
        out, "w", compression=pyzipper.ZIP_DEFLATED, encryption=pyzipper.WZ_AES
    ) as archive:
        archive.setpassword(password.encode())
        archive.writestr(
            f"{person.code}.json", json.dumps(data, ensure_ascii=False, indent=2).encode()
        )
    return out.getvalue()

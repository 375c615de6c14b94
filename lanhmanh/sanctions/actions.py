"""Recording sanction decisions, their payment and referrals of the people sanctioned.
Views, the API and the demo call these; each takes the acting user and asks the door
(``agencies.policy``) itself, and writes one audit row.

- ``record_sanction``: ``sanction.record`` in the commune where it happened, for a
  recording agency among the user's own (the agency that will own the record);
- ``update_sanction``: ``sanction.edit``, the owning agency only. The decision as first
  recorded (``first_decided_on``, ``first_form``) never changes: corrections are history
  (old and new values in the audit row) and the spent rule reads the first values;
- ``refer`` / ``answer_referral``: a police officer of the owning agency refers a person
  who sells sex to a case-worker agency of the area; a case worker of that agency accepts
  it by linking a person of a case of theirs, or declines it.
"""

from __future__ import annotations

import datetime
import logging

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from lanhmanh.agencies.policy import Subject as Door
from lanhmanh.agencies.policy import can, require
from lanhmanh.audit.actions import record_change, snapshot
from lanhmanh.inspections.actions import check_sanction
from lanhmanh.text import fold

from . import identity
from .models import Behaviour, Form, Referral, ReferralStatus, Sanction, Subject

log = logging.getLogger("lanhmanh.audit")

HISTORY_FIELDS = [
    "subject",
    "establishment",
    "behaviour",
    "legal_basis",
    "commune",
    "violated_on",
    "form",
    "amount",
    "extra_measures",
    "recording_agency",
    "issuing_agency",
    "decision_number",
    "decided_on",
    "paid_on",
    "note",
]
REFERRAL_FIELDS = ["sanction", "to_agency", "status", "person", "case", "note", "answer_note"]
NAME_MAX = 120


class StaleSanction(ValidationError):
    """Somebody else saved the decision since it was opened."""


def _clean_identity(values: dict, errors: dict) -> dict[str, str]:
    """The identity as given (name required for an individual), or errors by field."""
    plain = {name: str(values.get(name) or "").strip() for name in identity.IDENTITY_FIELDS}
    name = " ".join(plain["full_name"].split())
    if not name or not any(ch.isalpha() for ch in name):
        errors["full_name"] = _("Enter the full name of the person sanctioned.")
    elif len(name) > NAME_MAX:
        errors["full_name"] = _("The name is too long.")
    plain["full_name"] = name
    digits = identity.normalised_id(plain["id_number"])
    if digits and (not digits.isdigit() or len(digits) not in (9, 12)):
        errors["id_number"] = _("An ID number has 12 digits (an old identity card 9).")
    plain["id_number"] = digits
    if plain["birth_date"]:
        try:
            born = datetime.date.fromisoformat(plain["birth_date"])
        except ValueError:
            errors["birth_date"] = _("Write the birth date as YYYY-MM-DD.")
        else:
            if born > timezone.localdate():
                errors["birth_date"] = _("A birth date cannot be in the future.")
    return plain


def _check(sanction: Sanction, errors: dict | None = None) -> None:
    errors = errors if errors is not None else {}
    if sanction.subject == Subject.ESTABLISHMENT:
        if sanction.establishment_id is None:
            errors["establishment"] = _("Choose the establishment.")
    else:
        sanction.establishment = None
    if sanction.establishment_id:
        # The establishment's commune scopes its sanctions, as it scopes the establishment.
        sanction.commune_id = sanction.establishment.commune_id
    today = timezone.localdate()
    if sanction.decided_on and sanction.decided_on > today:
        errors["decided_on"] = _("A decision cannot be dated in the future.")
    if sanction.violated_on and sanction.decided_on and sanction.violated_on > sanction.decided_on:
        errors["violated_on"] = _("The violation cannot come after the decision.")
    if sanction.paid_on:
        if sanction.form != Form.FINE:
            errors["paid_on"] = _("Only a fine is paid.")
        elif sanction.decided_on and sanction.paid_on < sanction.decided_on:
            errors["paid_on"] = _("A fine cannot be paid before the decision.")
        elif sanction.paid_on > today:
            errors["paid_on"] = _("A payment cannot be dated in the future.")
    if sanction.violation_id:
        inspection = sanction.violation.inspection
        if (
            sanction.subject == Subject.ESTABLISHMENT
            and sanction.establishment_id != inspection.establishment_id
        ):
            errors["establishment"] = _(
                "The violation was found at another establishment than the one sanctioned."
            )
        if not sanction.commune_id:
            sanction.commune_id = inspection.establishment.commune_id
    if sanction.recording_agency_id is None:
        errors["recording_agency"] = _("Choose your agency that records the decision.")
    if errors:
        raise ValidationError(errors)
    if sanction.legal_basis_id and sanction.violated_on:
        try:
            check_sanction(
                sanction.legal_basis, sanction.form, sanction.amount, sanction.violated_on
            )
        except ValidationError as exc:
            field = "amount" if sanction.form == Form.FINE else "form"
            raise ValidationError({field: exc.messages}) from None
    sanction.full_clean(
        exclude=["search", "version", "created_by"],
        validate_unique=False,
        validate_constraints=False,
    )


def behaviour_of(basis) -> str:
    """The behaviour a legal basis sanctions, read from its wording."""
    text = fold(basis.behaviour)
    for words, behaviour in (
        ("mua dam", Behaviour.BUYING),
        ("ban dam", Behaviour.SELLING),
        ("moi gioi", Behaviour.BROKERING),
        ("chua mai dam", Behaviour.HARBOURING),
    ):
        if words in text:
            return behaviour
    return Behaviour.OTHER


def _save(sanction: Sanction) -> None:
    sanction.search = fold(
        " ".join([sanction.decision_number, str(sanction.establishment or ""), sanction.note[:200]])
    )
    try:
        with transaction.atomic():
            sanction.save()
    except IntegrityError:
        raise ValidationError(
            {"decision_number": _("This authority already has a decision with this number.")}
        ) from None


def _require_area(user, sanction: Sanction) -> None:
    """Recording needs the commune in the user's area and an agency of the user's own
    as the owner (one in which the user may correct decisions)."""
    errors = {}
    if sanction.commune_id and not can(user, "sanction.record", Door(unit_id=sanction.commune_id)):
        errors["commune"] = _("Choose a commune of your area.")
    owner = sanction.recording_agency_id
    if owner and not can(user, "sanction.edit", Door(agency_ids=frozenset({owner}))):
        errors["recording_agency"] = _(
            "Choose one of your own agencies in which you record sanctions."
        )
    if errors:
        raise ValidationError(errors)


def _identity_values(fields: dict) -> dict | None:
    """The identity fields taken out of ``fields`` (None when none was given)."""
    given = {name: fields.pop(name) for name in identity.IDENTITY_FIELDS if name in fields}
    return given or None


@transaction.atomic
def record_sanction(user, **fields) -> Sanction:
    """Record a decision; an individual's identity comes as ``full_name``, ``id_number``
    and ``birth_date`` and is stored encrypted."""
    require(user, "sanction.record")
    if "person_code" in fields:
        raise ValidationError(
            {
                "person_code": _(
                    "A decision no longer takes a code of the people register: record the "
                    "person's identity, and refer them to a case team if they need support."
                )
            }
        )
    given = _identity_values(fields) or {}
    if fields.get("recording_agency") is None and "recording_agency_id" not in fields:
        from .queries import recording_agencies_for

        fields["recording_agency"] = recording_agencies_for(user).first()
    sanction = Sanction(created_by=user if getattr(user, "pk", None) else None, **fields)
    if sanction.violation_id and not sanction.violated_on:
        sanction.violated_on = sanction.violation.inspection.inspected_on
    sanction.first_decided_on = sanction.decided_on
    sanction.first_form = sanction.form
    errors: dict = {}
    plain = _clean_identity(given, errors) if sanction.subject == Subject.INDIVIDUAL else {}
    _check(sanction, errors)
    _require_area(user, sanction)
    if sanction.subject == Subject.INDIVIDUAL:
        identity.set_identity(sanction, **plain)
    _save(sanction)
    record_change(
        user,
        sanction,
        None,
        snapshot(sanction, [*HISTORY_FIELDS, "first_decided_on", "first_form"]),
        note=_("identity recorded") if plain else "",
    )
    log.info("sanction recorded id=%s by user=%s", sanction.pk, getattr(user, "pk", None))
    return sanction


@transaction.atomic
def update_sanction(user, sanction: Sanction, version: int | None = None, **fields) -> Sanction:
    """Correct a decision (the owning agency only). With ``version`` (the one the editor
    opened), a decision saved by somebody else in between is refused rather than silently
    overwritten. The first-recorded date and form stay: the spent rule reads them."""
    current = Sanction.objects.select_for_update().get(pk=sanction.pk)
    require(user, "sanction.edit", current)
    if "person_code" in fields:
        raise ValidationError(
            {"person_code": _("A decision takes no code of the people register.")}
        )
    if version is not None and current.version != version:
        raise StaleSanction(
            _(
                "Somebody else changed this decision while you were editing it. Reload it and "
                "make your change again."
            )
        )
    given = _identity_values(fields)
    before = snapshot(current, HISTORY_FIELDS)
    state = identity.identity_state(current)
    for name, value in fields.items():
        setattr(current, name, value)
    errors: dict = {}
    plain = None
    if current.subject == Subject.INDIVIDUAL and given is not None:
        if state in ("spent", "erased"):
            errors["full_name"] = _(
                "The violation is spent: its identity is no longer kept and cannot be entered "
                "again."
            )
        else:
            plain = _clean_identity({**identity.decrypt_identity(current), **given}, errors)
    _check(current, errors)
    _require_area(user, current)
    note = ""
    if current.subject != Subject.INDIVIDUAL:
        if identity.has_identity(current):
            note = _("identity removed")
        identity.set_identity(current)
    elif plain is not None and plain != identity.decrypt_identity(current):
        identity.set_identity(current, **plain)
        note = _("identity corrected")
    current.version += 1
    _save(current)
    record_change(user, current, before, snapshot(current, HISTORY_FIELDS), note=note)
    log.info("sanction updated id=%s by user=%s", current.pk, getattr(user, "pk", None))
    return current


def record_payment(user, sanction: Sanction, paid_on: datetime.date) -> Sanction:
    return update_sanction(user, sanction, paid_on=paid_on)


# --- referrals of the people sanctioned to a case team -----------------------------------


@transaction.atomic
def refer(user, sanction: Sanction, to_agency, note: str = "") -> Referral:
    """Refer the individual of ``sanction`` to a case-worker agency of the area, with the
    identity the police recorded. Only a person who sells sex is referred: buyers and
    brokers are never people supported."""
    from .queries import referral_agencies_for

    require(user, "sanction.refer", sanction)
    if sanction.subject != Subject.INDIVIDUAL or sanction.behaviour != Behaviour.SELLING:
        raise ValidationError(
            _(
                "Only a person sanctioned for selling sex is referred to support: buyers, "
                "brokers and establishments are not people supported."
            )
        )
    if identity.identity_state(sanction) != "live":
        raise ValidationError(
            _("The violation is spent or has no identity: there is nobody to refer.")
        )
    if to_agency is None or not referral_agencies_for(sanction).filter(pk=to_agency.pk).exists():
        raise ValidationError({"to_agency": _("Choose a support agency of the area.")})
    if sanction.referrals.exclude(status=ReferralStatus.DECLINED).exists():
        raise ValidationError(_("This person was already referred."))
    note = (note or "").strip()
    if len(note) > 2000:
        raise ValidationError({"note": _("The note is too long.")})
    referral = Referral.objects.create(
        sanction=sanction, to_agency=to_agency, note=note, referred_by=user
    )
    record_change(user, referral, None, snapshot(referral, REFERRAL_FIELDS))
    log.info("sanction referred id=%s referral=%s by user=%s", sanction.pk, referral.pk, user.pk)
    return referral


@transaction.atomic
def read_referred_identity(user, referral: Referral) -> dict[str, str] | None:
    """The identity the police referred, for the case team to find or register the
    person: a case worker of the agency it was referred to, while it waits; logged."""
    from lanhmanh.audit.actions import record_access
    from lanhmanh.audit.models import AccessLog

    require(user, "sanction_referral.respond", referral)
    sanction = referral.sanction
    if referral.status != ReferralStatus.PENDING or identity.identity_state(sanction) != "live":
        return None
    record_access(user, sanction.access_subject, AccessLog.Access.VIEW, _("referral"))
    return identity.decrypt_identity(sanction)


@transaction.atomic
def answer_referral(user, referral: Referral, accept: bool, case=None, note: str = "") -> Referral:
    """Accept (linking a person of one of the user's own cases) or decline a referral."""
    referral = Referral.objects.select_for_update().get(pk=referral.pk)
    require(user, "sanction_referral.respond", referral)
    if referral.status != ReferralStatus.PENDING:
        raise ValidationError(_("This referral was already answered."))
    before = snapshot(referral, REFERRAL_FIELDS)
    if accept:
        if case is None:
            raise ValidationError({"case": _("Choose the case of the person referred.")})
        require(user, "case.work", case)
        if case.team_id != referral.to_agency_id:
            raise ValidationError({"case": _("Choose a case of the agency it was referred to.")})
        referral.status, referral.case, referral.person = ReferralStatus.ACCEPTED, case, case.person
    else:
        referral.status = ReferralStatus.DECLINED
    referral.answer_note = (note or "").strip()[:2000]
    referral.answered_by, referral.answered_at = user, timezone.now()
    referral.save()
    record_change(user, referral, before, snapshot(referral, REFERRAL_FIELDS))
    log.info("referral answered id=%s accepted=%s by user=%s", referral.pk, accept, user.pk)
    return referral

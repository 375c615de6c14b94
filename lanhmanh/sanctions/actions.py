"""Recording sanction decisions and their payment. Views, the API and the demo call these."""

from __future__ import annotations

import datetime
import logging
import re

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from lanhmanh.audit.actions import record_change, snapshot
from lanhmanh.inspections.actions import check_sanction
from lanhmanh.text import fold

from .models import Behaviour, Form, Sanction, Subject

log = logging.getLogger("lanhmanh.audit")

# A pseudonymous code has letters in it: an all-digit value could be an ID number, which
# this register must never hold.
PERSON_CODE = re.compile(r"^(?=.*[A-Z])[A-Z0-9-]{4,20}$")
HISTORY_FIELDS = [
    "subject",
    "establishment",
    "person_code",
    "behaviour",
    "legal_basis",
    "commune",
    "violated_on",
    "form",
    "amount",
    "extra_measures",
    "issuing_agency",
    "decision_number",
    "decided_on",
    "paid_on",
    "note",
]


class StaleSanction(ValidationError):
    """Somebody else saved the decision since it was opened."""


def _check(sanction: Sanction) -> None:
    errors: dict[str, str] = {}
    if sanction.subject == Subject.ESTABLISHMENT:
        if sanction.establishment_id is None:
            errors["establishment"] = _("Choose the establishment.")
        sanction.person_code = ""
    else:
        sanction.establishment = None
        sanction.person_code = (sanction.person_code or "").strip().upper()
        if not PERSON_CODE.match(sanction.person_code):
            errors["person_code"] = _(
                "Enter the person's code from the people register (letters and digits), "
                "never a name or an ID number."
            )
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
        " ".join(
            [
                sanction.decision_number,
                sanction.person_code,
                str(sanction.establishment or ""),
                sanction.note[:200],
            ]
        )
    )
    try:
        with transaction.atomic():
            sanction.save()
    except IntegrityError:
        raise ValidationError(
            {"decision_number": _("This authority already has a decision with this number.")}
        ) from None


@transaction.atomic
def record_sanction(user, **fields) -> Sanction:
    sanction = Sanction(created_by=user if getattr(user, "pk", None) else None, **fields)
    if sanction.violation_id and not sanction.violated_on:
        sanction.violated_on = sanction.violation.inspection.inspected_on
    _check(sanction)
    _save(sanction)
    record_change(user, sanction, None, snapshot(sanction, HISTORY_FIELDS))
    log.info("sanction recorded id=%s by user=%s", sanction.pk, getattr(user, "pk", None))
    return sanction


@transaction.atomic
def update_sanction(user, sanction: Sanction, version: int | None = None, **fields) -> Sanction:
    """Change a decision. With ``version`` (the one the editor opened), a decision saved by
    somebody else in between is refused rather than silently overwritten."""
    current = Sanction.objects.select_for_update().get(pk=sanction.pk)
    if version is not None and current.version != version:
        raise StaleSanction(
            _(
                "Somebody else changed this decision while you were editing it. Reload it and "
                "make your change again."
            )
        )
    before = snapshot(current, HISTORY_FIELDS)
    for name, value in fields.items():
        setattr(current, name, value)
    _check(current)
    current.version += 1
    _save(current)
    record_change(user, current, before, snapshot(current, HISTORY_FIELDS))
    log.info("sanction updated id=%s by user=%s", current.pk, getattr(user, "pk", None))
    return current


def record_payment(user, sanction: Sanction, paid_on: datetime.date) -> Sanction:
    return update_sanction(user, sanction, paid_on=paid_on)

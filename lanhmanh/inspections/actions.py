"""Recording establishments and inspections. Views, the API and imports call these."""

from __future__ import annotations

import datetime
import logging
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from .models import Establishment, Inspection, LegalBasis, SanctionForm, Violation

log = logging.getLogger("lanhmanh.audit")


@dataclass
class ViolationInput:
    legal_basis: LegalBasis
    proposed: str
    fine_amount: int | None = None
    description: str = ""


def check_sanction(basis: LegalBasis, form: str, amount: int | None, on: datetime.date) -> None:
    """A sanction must rest on a basis in force on the day of the violation, and a fine
    lie within the range in force that day."""
    if basis.valid_from > on or (basis.valid_to is not None and basis.valid_to < on):
        raise ValidationError(
            _("%(basis)s was not in force on %(day)s.")
            % {"basis": basis, "day": on.strftime("%d/%m/%Y")}
        )
    if form == SanctionForm.WARNING and not basis.warning_allowed:
        raise ValidationError(_("This behaviour cannot be sanctioned with a warning only."))
    if form == SanctionForm.FINE:
        if amount is None:
            raise ValidationError(_("Enter the amount of the fine."))
        if not basis.fine_min <= amount <= basis.fine_max:
            raise ValidationError(
                _("A fine for this behaviour on %(day)s must be between %(low)s and %(high)s VND.")
                % {
                    "day": on.strftime("%d/%m/%Y"),
                    "low": f"{basis.fine_min:,}".replace(",", "."),
                    "high": f"{basis.fine_max:,}".replace(",", "."),
                }
            )
    elif amount:
        raise ValidationError(_("Only a fine has an amount."))


def check_violation(entry: ViolationInput, on: datetime.date) -> None:
    check_sanction(entry.legal_basis, entry.proposed, entry.fine_amount, on)


@transaction.atomic
def record_inspection(
    user,
    *,
    establishment: Establishment,
    team,
    inspected_on: datetime.date,
    kind: str,
    findings: str = "",
    violations: list[ViolationInput] = (),
) -> Inspection:
    if inspected_on > timezone.localdate():
        raise ValidationError(_("An inspection cannot be recorded for a future date."))
    for entry in violations:
        check_violation(entry, inspected_on)
    inspection = Inspection.objects.create(
        establishment=establishment,
        team=team,
        inspected_on=inspected_on,
        kind=kind,
        findings=findings,
        created_by=user,
    )
    Violation.objects.bulk_create(
        [
            Violation(
                inspection=inspection,
                legal_basis=v.legal_basis,
                proposed=v.proposed,
                fine_amount=v.fine_amount,
                description=v.description,
            )
            for v in violations
        ]
    )
    log.info("inspection recorded id=%s by user=%s", inspection.pk, getattr(user, "pk", None))
    return inspection


@transaction.atomic
def create_establishment(user, **fields) -> Establishment:
    establishment = Establishment(**fields)
    establishment.full_clean()
    establishment.save()
    log.info("establishment created id=%s by user=%s", establishment.pk, getattr(user, "pk", None))
    return establishment


@transaction.atomic
def update_establishment(user, establishment: Establishment, **fields) -> Establishment:
    for name, value in fields.items():
        setattr(establishment, name, value)
    establishment.full_clean()
    establishment.save()
    log.info("establishment updated id=%s by user=%s", establishment.pk, getattr(user, "pk", None))
    return establishment

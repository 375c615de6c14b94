"""Recording establishments and inspections. Views, the API, imports and commands call
these; each asks the permission door (``agencies.policy``) itself, so no entry point can
differ from another. ``user`` None is the system itself (the demo loader, an operator's
command on the server), never a request: a request always has a user.
"""

from __future__ import annotations

import datetime
import logging
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from lanhmanh.agencies import policy
from lanhmanh.agencies.models import Agency, AgencyKind
from lanhmanh.audit.actions import record_change, snapshot
from lanhmanh.places.models import UnitContainment

from . import importing, tallies
from .models import (
    Establishment,
    Inspection,
    InspectionPlan,
    LegalBasis,
    SanctionForm,
    Violation,
)

log = logging.getLogger("lanhmanh.audit")

ESTABLISHMENT_FIELDS = [
    "kind",
    "name",
    "address",
    "commune",
    "registration_number",
    "security_certificate",
    "owner",
    "status",
    "opened_on",
    "closed_on",
    "risk",
]
INSPECTION_FIELDS = ["team", "inspected_on", "kind", "findings", "follow_up_by"]


def _require(user, action: str, obj) -> None:
    """The door, for every caller but the system itself (``user`` None)."""
    if user is not None:
        policy.require(user, action, obj)


class StaleRecord(ValidationError):
    """Somebody else saved the record since the editor opened it."""


def _check_version(current, version: int | None) -> None:
    if version is not None and current.version != version:
        raise StaleRecord(
            _(
                "Somebody else changed this record while you were editing it. Reload it and "
                "make your change again."
            )
        )


def covers(team: Agency, commune_id: int) -> bool:
    """Whether the team's area holds the commune (a province team works in all its communes)."""
    if team.jurisdiction_id is None:
        return True
    return UnitContainment.objects.filter(
        outer_id=team.jurisdiction_id, inner_id=commune_id
    ).exists()


def _check_team(team: Agency, establishment: Establishment) -> None:
    if team.kind != AgencyKind.INSPECTION_TEAM:
        raise ValidationError({"team": _("Choose an inspection team.")})
    if not covers(team, establishment.commune_id):
        raise ValidationError(
            {"team": _("This team does not work in the establishment's commune.")}
        )


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
    plan: InspectionPlan | None = None,
    follow_up_of: Inspection | None = None,
    follow_up_by: datetime.date | None = None,
) -> Inspection:
    _require(user, "inspection.record", establishment.commune)
    if inspected_on > timezone.localdate():
        raise ValidationError(_("An inspection cannot be recorded for a future date."))
    _check_team(team, establishment)
    for entry in violations:
        check_violation(entry, inspected_on)
    if follow_up_by is not None and follow_up_by <= inspected_on:
        raise ValidationError({"follow_up_by": _("A re-inspection comes after the inspection.")})
    if follow_up_of is not None and (
        follow_up_of.establishment_id != establishment.pk
        or follow_up_of.inspected_on >= inspected_on
    ):
        raise ValidationError(
            _("A re-inspection follows an earlier inspection of the same establishment.")
        )
    if plan is not None and not plan.establishments.filter(pk=establishment.pk).exists():
        raise ValidationError(_("This establishment is not in the inspection plan."))
    inspection = Inspection.objects.create(
        establishment=establishment,
        team=team,
        inspected_on=inspected_on,
        kind=kind,
        findings=findings,
        plan=plan,
        follow_up_of=follow_up_of,
        follow_up_by=follow_up_by,
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
    tallies.refresh({establishment.commune_id}, {inspected_on.year})
    tallies.refresh_last_inspected({establishment.pk})
    record_change(user, inspection, None, snapshot(inspection, INSPECTION_FIELDS))
    log.info("inspection recorded id=%s by user=%s", inspection.pk, getattr(user, "pk", None))
    return inspection


@transaction.atomic
def update_inspection(user, inspection: Inspection, version: int | None = None, **fields):
    """Correct an inspection's record; its violations are kept as found."""
    current = (
        Inspection.objects.select_for_update().select_related("establishment").get(pk=inspection.pk)
    )
    _require(user, "inspection.edit", current)
    _check_version(current, version)
    before = snapshot(current, INSPECTION_FIELDS)
    year_before = current.inspected_on.year
    for name, value in fields.items():
        setattr(current, name, value)
    if current.inspected_on > timezone.localdate():
        raise ValidationError(
            {"inspected_on": _("An inspection cannot be recorded for a future date.")}
        )
    for violation in current.violations.select_related("legal_basis"):
        check_violation(
            ViolationInput(violation.legal_basis, violation.proposed, violation.fine_amount),
            current.inspected_on,
        )
    if current.follow_up_by is not None and current.follow_up_by <= current.inspected_on:
        raise ValidationError({"follow_up_by": _("A re-inspection comes after the inspection.")})
    _check_team(current.team, current.establishment)
    current.version += 1
    current.save()
    tallies.refresh({current.establishment.commune_id}, {year_before, current.inspected_on.year})
    tallies.refresh_last_inspected({current.establishment_id})
    record_change(user, current, before, snapshot(current, INSPECTION_FIELDS))
    log.info("inspection updated id=%s by user=%s", current.pk, getattr(user, "pk", None))
    return current


@transaction.atomic
def create_establishment(user, **fields) -> Establishment:
    establishment = Establishment(**fields)
    if establishment.commune_id is not None:
        _require(user, "establishment.record", establishment.commune)
    establishment.full_clean()
    establishment.save()
    record_change(user, establishment, None, snapshot(establishment, ESTABLISHMENT_FIELDS))
    log.info("establishment created id=%s by user=%s", establishment.pk, getattr(user, "pk", None))
    return establishment


@transaction.atomic
def update_establishment(
    user, establishment: Establishment, version: int | None = None, **fields
) -> Establishment:
    current = Establishment.objects.select_for_update().get(pk=establishment.pk)
    _require(user, "establishment.edit", current)
    _check_version(current, version)
    before = snapshot(current, ESTABLISHMENT_FIELDS)
    commune_before = current.commune_id
    for name, value in fields.items():
        setattr(current, name, value)
    if current.commune_id != commune_before:
        # Moved: the officer must also be able to register establishments there.
        _require(user, "establishment.record", current.commune)
    current.full_clean()
    if current.closed_on and current.opened_on and current.closed_on < current.opened_on:
        raise ValidationError({"closed_on": _("It cannot close before it opened.")})
    current.version += 1
    current.save()
    tallies.follow_move(current, commune_before)
    record_change(user, current, before, snapshot(current, ESTABLISHMENT_FIELDS))
    log.info("establishment updated id=%s by user=%s", current.pk, getattr(user, "pk", None))
    establishment.refresh_from_db()
    return current


@transaction.atomic
def create_inspection_plan(
    user,
    *,
    team: Agency,
    title: str,
    starts_on: datetime.date,
    ends_on: datetime.date,
    establishments,
    note: str = "",
) -> InspectionPlan:
    _require(user, "inspection_plan.edit", team)
    establishments = list(establishments)
    if ends_on < starts_on:
        raise ValidationError({"ends_on": _("The plan cannot end before it starts.")})
    if not establishments:
        raise ValidationError({"establishments": _("Choose at least one establishment.")})
    for establishment in establishments:
        _check_team(team, establishment)
    plan = InspectionPlan.objects.create(
        team=team,
        title=title,
        starts_on=starts_on,
        ends_on=ends_on,
        note=note,
        created_by=user if getattr(user, "pk", None) else None,
    )
    plan.establishments.set(establishments)
    record_change(
        user,
        plan,
        None,
        {
            **snapshot(plan, ["team", "title", "starts_on", "ends_on"]),
            "establishments": sorted(e.pk for e in establishments),
        },
    )
    log.info("inspection plan created id=%s by user=%s", plan.pk, getattr(user, "pk", None))
    return plan


@transaction.atomic
def import_establishments(user, filename: str, data: bytes, province) -> importing.ImportReport:
    """Import a province's list of establishments (every row or none). It may update any
    establishment of the province: only officers whose area holds the whole province;
    each establishment created or changed is in the history."""
    _require(user, "establishment.import", province)
    report = importing.import_establishments(
        filename, data, province, actor=user, audited=ESTABLISHMENT_FIELDS
    )
    log.info(
        "establishments imported created=%s merged=%s by user=%s",
        report.created,
        report.merged,
        getattr(user, "pk", None),
    )
    return report

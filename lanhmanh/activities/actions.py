"""Recording activities and community models, correcting them, attaching documents and
importing a spreadsheet of activities or of community models.

Views, the API, the command line and the demo call these; each asks the permission door
(``agencies.policy``) itself (``user`` None is the system itself, the demo loader, never a
request). ``*.record`` is asked of the unit where a record is to be kept (or to which it
is moved), ``activity.import`` of the province a file is imported into. Every change
writes one audit row; the log names records by id only.
"""

from __future__ import annotations

import logging
from pathlib import Path

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from lanhmanh import uploads
from lanhmanh.agencies import policy
from lanhmanh.audit.actions import record_change, snapshot
from lanhmanh.places.models import Level, UnitContainment

from . import importing
from .models import Activity, CommunityModel

log = logging.getLogger("lanhmanh.audit")

ACTIVITY_FIELDS = (
    "kind",
    "title",
    "held_on",
    "ends_on",
    "unit",
    "organiser",
    "audience",
    "participants",
    "women",
    "men",
    "medium",
    "quantity",
    "visited",
    "document_number",
    "description",
)
MODEL_FIELDS = (
    "name",
    "kind",
    "unit",
    "organiser",
    "audience",
    "started_on",
    "stopped_on",
    "reviewed_on",
    "review",
    "description",
)
# The dates of a record that cannot lie in the future.
PAST_DATES = ("held_on", "started_on", "stopped_on", "reviewed_on")


def _require(user, action: str, obj) -> None:
    """The door, for every caller but the system itself (``user`` None)."""
    if user is not None:
        policy.require(user, action, obj)


def _history(record, fields) -> dict:
    values = snapshot(record, fields)
    values["communes"] = sorted(record.communes.values_list("pk", flat=True))
    return values


def _check(record, communes) -> list:
    """Validate ``record`` and its communes; the communes it keeps (its own commune
    always among them)."""
    errors: dict = {}
    today = timezone.localdate()
    for name in PAST_DATES:
        day = getattr(record, name, None)
        if day is not None and day > today:
            errors[name] = _("The date cannot be in the future.")
    try:
        record.full_clean(exclude=["created_by", "communes"])
    except ValidationError as exc:
        for name, messages in exc.message_dict.items():
            errors.setdefault(name, messages)
    communes = list(communes or [])
    if record.unit_id and not errors.get("unit"):
        if record.unit.level == Level.COMMUNE and record.unit not in communes:
            communes.append(record.unit)
        within = set(
            UnitContainment.objects.filter(
                outer_id=record.unit_id, inner_id__in=[c.pk for c in communes]
            ).values_list("inner_id", flat=True)
        )
        stray = [c.name for c in communes if c.pk not in within or c.level != Level.COMMUNE]
        if stray:
            errors["communes"] = _(
                "Not communes of the unit the record is kept under: %(names)s."
            ) % {"names": ", ".join(stray)}
    if errors:
        raise ValidationError(errors)
    return communes


def _create(user, model, allowed, communes, fields):
    unknown = set(fields) - set(allowed)
    if unknown:
        raise TypeError(f"unknown fields: {', '.join(sorted(unknown))}")
    if fields.get("unit") is not None:
        _require(user, "activity.record", fields["unit"])
    record = model(created_by=user, **fields)
    communes = _check(record, communes)
    record.save()
    record.communes.set(communes)
    record_change(user, record, None, _history(record, allowed))
    log.info(
        "%s created id=%s by user=%s",
        model._meta.model_name,
        record.pk,
        getattr(user, "pk", None),
    )
    return record


def _update(user, record, allowed, communes, fields):
    unknown = set(fields) - set(allowed)
    if unknown:
        raise TypeError(f"fields that cannot be changed: {', '.join(sorted(unknown))}")
    # As stored: a form may already have put its values on ``record``.
    stored = type(record).objects.select_for_update().get(pk=record.pk)
    _require(user, "activity.edit", stored)
    before = _history(stored, allowed)
    unit = fields.get("unit", record.unit)
    if unit is not None and unit.pk != stored.unit_id:
        # Moved: the officer must also be able to keep records there.
        _require(user, "activity.record", unit)
    for name, value in fields.items():
        setattr(record, name, value)
    if communes is None:
        communes = list(stored.communes.all())
        if record.unit_id != stored.unit_id:
            communes = [c for c in communes if c.pk != stored.unit_id]
    communes = _check(record, communes)
    record.save()
    record.communes.set(communes)
    record_change(user, record, before, _history(record, allowed))
    log.info(
        "%s updated id=%s by user=%s",
        type(record)._meta.model_name,
        record.pk,
        getattr(user, "pk", None),
    )
    return record


@transaction.atomic
def create_activity(user, *, communes=(), **fields) -> Activity:
    """Record an activity under its unit; the communes it reached besides."""
    return _create(user, Activity, ACTIVITY_FIELDS, communes, fields)


@transaction.atomic
def update_activity(user, activity: Activity, *, communes=None, **fields) -> Activity:
    """Correct an activity (``communes`` None keeps the communes it listed)."""
    return _update(user, activity, ACTIVITY_FIELDS, communes, fields)


@transaction.atomic
def create_model(user, *, communes=(), **fields) -> CommunityModel:
    """Register a community model under its unit, with the communes it serves."""
    return _create(user, CommunityModel, MODEL_FIELDS, communes, fields)


@transaction.atomic
def update_model(user, model: CommunityModel, *, communes=None, **fields) -> CommunityModel:
    """Correct a community model, record its review or that it stopped."""
    return _update(user, model, MODEL_FIELDS, communes, fields)


@transaction.atomic
def attach_file(user, record: Activity | CommunityModel, upload):
    """Join a document to an activity or a community model (``activity.edit``); type and
    size are checked as for a report's attachments."""
    _require(user, "activity.edit", record)
    try:
        suffix = uploads.check_attachment(upload.name, upload.size)
    except uploads.UploadRefused as exc:
        raise ValidationError({"file": _(exc.template) % exc.params}) from exc
    # The attachment model and its key to the record, from the record's own relation.
    related = record.attachments
    attachment = related.model(
        name=Path(upload.name).name[:255], size=upload.size, uploaded_by=user
    )
    setattr(attachment, related.field.name, record)
    attachment.file.save(f"{record.pk}{suffix}", upload, save=False)
    attachment.save()
    record_change(user, record, {}, {}, note=f"attachment {attachment.pk}")
    log.info(
        "%s id=%s %s=%s by user=%s",
        related.model._meta.model_name,
        attachment.pk,
        related.field.name,
        record.pk,
        getattr(user, "pk", None),
    )
    return attachment


def _import(user, province, filename: str, data: bytes, register: importing.Register):
    """Every row checked first, nothing saved unless all are good
    (``importing.ImportRejected`` names every bad row); one audit row a record."""
    _require(user, "activity.import", province)
    fields_kept = ACTIVITY_FIELDS if register.model is Activity else MODEL_FIELDS
    rows = importing.parse(importing.read_rows(filename, data), province, register)
    created = []
    for _number, fields, communes in rows:
        record = register.model(created_by=user, **fields)
        record.save()
        record.communes.set(communes)
        record_change(user, record, None, _history(record, fields_kept), note="import")
        created.append(record)
    log.info(
        "%s imported count=%s province=%s by user=%s",
        register.model._meta.model_name,
        len(created),
        province.pk,
        getattr(user, "pk", None),
    )
    return created


@transaction.atomic
def import_activities(user, province, filename: str, data: bytes) -> list[Activity]:
    """Import a file of activities into ``province`` (``activity.import``)."""
    return _import(user, province, filename, data, importing.ACTIVITIES)


@transaction.atomic
def import_models(user, province, filename: str, data: bytes) -> list[CommunityModel]:
    """Import a file of community models into ``province`` (``activity.import``)."""
    return _import(user, province, filename, data, importing.MODELS)

"""Writing history and the access log. Other apps' actions call these inside their
transaction, so a change and its history are saved together or not at all."""

from __future__ import annotations

import datetime
import decimal
from collections.abc import Iterable

from django.contrib.contenttypes.models import ContentType
from django.db import models

from .models import AccessLog, Change, ChangeAction


def _plain(value):
    if isinstance(value, models.Model):
        return value.pk
    if isinstance(value, datetime.date | datetime.datetime):
        return value.isoformat()
    if isinstance(value, decimal.Decimal):
        return str(value)
    return value


def snapshot(instance: models.Model, fields: Iterable[str]) -> dict:
    """The record's values of ``fields`` as plain JSON values (foreign keys as ids)."""
    values = {}
    for name in fields:
        field = instance._meta.get_field(name)
        values[name] = _plain(getattr(instance, field.attname))
    return values


def record_change(
    actor,
    instance: models.Model,
    before: dict | None,
    after: dict | None,
    note: str = "",
) -> Change | None:
    """Keep what changed between two snapshots; nothing is written when nothing changed."""
    if before is None:
        action, fields = ChangeAction.CREATED, {k: [None, v] for k, v in (after or {}).items()}
    elif after is None:
        action, fields = ChangeAction.DELETED, {k: [v, None] for k, v in before.items()}
    else:
        action = ChangeAction.UPDATED
        fields = {k: [before.get(k), v] for k, v in after.items() if before.get(k) != v}
        if not fields and not note:
            return None
    return Change.objects.create(
        content_type=ContentType.objects.get_for_model(instance, for_concrete_model=True),
        object_id=instance.pk,
        action=action,
        fields=fields,
        note=note,
        actor=actor if getattr(actor, "pk", None) else None,
    )


def record_access(actor, subject: str, access: str, reason: str = "") -> AccessLog:
    return AccessLog.objects.create(
        actor=actor if getattr(actor, "pk", None) else None,
        subject=subject,
        access=access,
        reason=reason,
    )

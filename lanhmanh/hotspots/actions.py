"""Registering hotspots, moving their status and recording checks.

Views, the API and the demo call these; each asks the permission door
(``agencies.policy``) itself, so no entry point can differ from another (``user`` None
is the system itself, the demo loader, never a request). Every change of status goes
through ``change_status``, which keeps the history. The audit log names records by id only:
hotspots hold no personal data, and the log never carries addresses or notes.
"""

from __future__ import annotations

import datetime
import logging

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from lanhmanh.agencies import policy
from lanhmanh.audit.actions import record_change, snapshot

from .models import (
    CLEARED,
    TRANSITIONS,
    Hotspot,
    HotspotCheck,
    HotspotStatus,
    HotspotStatusChange,
)

log = logging.getLogger("lanhmanh.audit")

# What ``update_hotspot`` may change; the status moves only through ``change_status``.
EDITABLE_FIELDS = (
    "name",
    "description",
    "commune",
    "address",
    "latitude",
    "longitude",
    "kind",
    "establishment_name",
)


def _require(user, action: str, obj) -> None:
    """The door, for every caller but the system itself (``user`` None)."""
    if user is not None:
        policy.require(user, action, obj)


def _check_date(on: datetime.date, field: str = "on") -> None:
    if on is None:
        raise ValidationError({field: _("Enter the date.")})
    if on > timezone.localdate():
        raise ValidationError({field: _("The date cannot be in the future.")})


@transaction.atomic
def create_hotspot(
    user,
    *,
    status: str = HotspotStatus.ACTIVE,
    status_since: datetime.date | None = None,
    note: str = "",
    **fields,
) -> Hotspot:
    """Register a hotspot with the status it has now (usually active), and since when."""
    unknown = set(fields) - set(EDITABLE_FIELDS)
    if unknown:
        raise TypeError(f"unknown hotspot fields: {', '.join(sorted(unknown))}")
    if fields.get("commune") is not None:
        _require(user, "hotspot.record", fields["commune"])
    if status not in HotspotStatus.values:
        raise ValidationError({"status": _("Unknown status.")})
    status_since = status_since or timezone.localdate()
    _check_date(status_since, "status_since")
    hotspot = Hotspot(status=status, status_since=status_since, created_by=user, **fields)
    hotspot.full_clean(exclude=["created_by"])
    hotspot.save()
    record_change(user, hotspot, None, snapshot(hotspot, EDITABLE_FIELDS))
    HotspotStatusChange.objects.create(
        hotspot=hotspot, from_status="", to_status=status, on=status_since, note=note, by=user
    )
    log.info(
        "hotspot created id=%s status=%s by user=%s", hotspot.pk, status, getattr(user, "pk", None)
    )
    return hotspot


@transaction.atomic
def update_hotspot(user, hotspot: Hotspot, **fields) -> Hotspot:
    """Correct a hotspot's description and place; not its status."""
    unknown = set(fields) - set(EDITABLE_FIELDS)
    if unknown:
        raise TypeError(f"fields that update_hotspot does not change: {', '.join(sorted(unknown))}")
    # As stored: a form may already have put its values on ``hotspot``.
    stored = Hotspot.objects.select_for_update().get(pk=hotspot.pk)
    _require(user, "hotspot.edit", stored)
    before = snapshot(stored, EDITABLE_FIELDS)
    commune_before = stored.commune_id
    for name, value in fields.items():
        setattr(hotspot, name, value)
    if hotspot.commune_id != commune_before and hotspot.commune_id is not None:
        # Moved: the officer must also be able to keep hotspots there.
        _require(user, "hotspot.record", hotspot.commune)
    hotspot.full_clean(exclude=["created_by"])
    hotspot.save()
    record_change(user, hotspot, before, snapshot(hotspot, EDITABLE_FIELDS))
    log.info(
        "hotspot updated id=%s fields=%s by user=%s",
        hotspot.pk,
        ",".join(sorted(fields)),
        getattr(user, "pk", None),
    )
    return hotspot


def last_change_on(hotspot: Hotspot) -> datetime.date | None:
    return (
        hotspot.status_changes.order_by("-on", "-pk").values_list("on", flat=True).first()
        or hotspot.status_since
    )


@transaction.atomic
def change_status(
    user, hotspot: Hotspot, to_status: str, on: datetime.date, note: str = ""
) -> HotspotStatusChange:
    """Move the hotspot to ``to_status`` on day ``on`` and write it into the history.

    Refused: a move the path does not allow (an active hotspot is broken up before it
    is monitored), a date in the future, a date before the last change.
    """
    # Read the status under a lock: two officers moving the same hotspot at once
    # cannot both start from the same status.
    current = Hotspot.objects.select_for_update().get(pk=hotspot.pk)
    _require(user, "hotspot.edit", current)
    if to_status not in HotspotStatus.values:
        raise ValidationError({"to_status": _("Unknown status.")})
    if to_status not in TRANSITIONS.get(current.status, frozenset()):
        raise ValidationError(
            {
                "to_status": _("A hotspot that is “%(from)s” cannot become “%(to)s”.")
                % {
                    "from": HotspotStatus(current.status).label,
                    "to": HotspotStatus(to_status).label,
                }
            }
        )
    _check_date(on)
    last = last_change_on(current)
    if last and on < last:
        raise ValidationError(
            {
                "on": _("The date cannot be before the last change of status (%(day)s).")
                % {"day": last.strftime("%d/%m/%Y")}
            }
        )
    change = HotspotStatusChange.objects.create(
        hotspot=current, from_status=current.status, to_status=to_status, on=on, note=note, by=user
    )
    Hotspot.objects.filter(pk=current.pk).update(
        status=to_status, status_since=on, updated_at=timezone.now()
    )
    hotspot.status, hotspot.status_since = to_status, on
    log.info(
        "hotspot status id=%s %s->%s by user=%s",
        hotspot.pk,
        change.from_status,
        to_status,
        getattr(user, "pk", None),
    )
    return change


@transaction.atomic
def record_check(
    user,
    hotspot: Hotspot,
    on: datetime.date,
    found_activity: bool,
    agency=None,
    note: str = "",
) -> HotspotCheck:
    """Record a patrol or check. Activity found at a broken-up or monitored hotspot
    means it has recurred: the status moves to recurred on the check's date."""
    hotspot.refresh_from_db(fields=["status", "status_since", "commune"])
    _require(user, "hotspot.edit", hotspot)
    _check_date(on)
    recurs = found_activity and hotspot.status in CLEARED
    if recurs:
        last = last_change_on(hotspot)
        if last and on < last:
            raise ValidationError(
                {
                    "on": _(
                        "A check that found activity cannot be dated before the last change "
                        "of status (%(day)s)."
                    )
                    % {"day": last.strftime("%d/%m/%Y")}
                }
            )
    check = HotspotCheck.objects.create(
        hotspot=hotspot, on=on, agency=agency, found_activity=found_activity, note=note, by=user
    )
    log.info(
        "hotspot check id=%s hotspot=%s activity=%s by user=%s",
        check.pk,
        hotspot.pk,
        found_activity,
        getattr(user, "pk", None),
    )
    if recurs:
        change_status(
            user,
            hotspot,
            HotspotStatus.RECURRED,
            on,
            note=_("Activity found on the check of %(day)s.") % {"day": on.strftime("%d/%m/%Y")},
        )
    return check

"""The identity a sanction against an individual keeps, and the spent rule applied to it.

- The police record the individual's identity (name, ID number, birth date) on the
  decision itself, encrypted at rest (``lanhmanh.crypto``). It is never a key into the
  people register.
- ``read_identity`` is the one door through which it is read: the agency that owns the
  record (``sanction.read_identity``), every read written to the access log.
- The spent rule (DESIGN.md, people's data, rule 4; ``people.violations``) hides the
  identity once the violation is spent, and ``erase_spent`` (``lanhmanh
  erase-spent-identities``, daily) erases it. Spent status is computed from the decision
  as first recorded (``first_form``, ``first_decided_on``), so that a corrected date
  cannot revive it. The same individual's other decisions *of the same owning agency*
  (same keyed hash of the identity) keep it counting, as the law says; repeat records
  are never looked up across agencies.
"""

from __future__ import annotations

import datetime
import logging
from collections import defaultdict

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from lanhmanh import crypto
from lanhmanh.agencies.policy import require
from lanhmanh.audit.actions import record_access, record_change
from lanhmanh.audit.models import AccessLog
from lanhmanh.people.violations import Violation, spent_dates
from lanhmanh.text import fold

from .models import Sanction, Subject

log = logging.getLogger("lanhmanh.audit")

IDENTITY_FIELDS = ("full_name", "id_number", "birth_date")
HASH_PURPOSE = "sanctions.identity"


def normalised_id(id_number: str) -> str:
    return "".join(ch for ch in (id_number or "") if ch.isalnum()).upper()


def identity_hash(full_name: str, id_number: str, birth_date: str, keys=None) -> str:
    """The keyed hash that finds the same individual's other decisions: of the ID number,
    or else of the name and birth date; "" when neither is known."""
    if normalised_id(id_number):
        return crypto.keyed_hash(HASH_PURPOSE, "id|" + normalised_id(id_number), keys)
    if full_name and birth_date:
        return crypto.keyed_hash(HASH_PURPOSE, f"name|{fold(full_name)}|{birth_date}", keys)
    return ""


def set_identity(sanction: Sanction, **values) -> None:
    """Encrypt the identity fields onto ``sanction`` and recompute its hash; the caller
    saves."""
    plain = {name: (values.get(name) or "").strip() for name in IDENTITY_FIELDS}
    for name, value in plain.items():
        setattr(sanction, f"{name}_enc", crypto.encrypt(value))
    sanction.identity_hash = identity_hash(**plain)


def has_identity(sanction: Sanction) -> bool:
    return any(getattr(sanction, f"{name}_enc") for name in IDENTITY_FIELDS)


def decrypt_identity(sanction: Sanction) -> dict[str, str]:
    """The plaintext identity, without any check or log: call ``read_identity``."""
    return {
        name: crypto.decrypt(getattr(sanction, f"{name}_enc")) or "" for name in IDENTITY_FIELDS
    }


# --- the spent rule ----------------------------------------------------------------------


def _violation(sanction) -> Violation:
    return Violation(sanction.first_form, sanction.first_decided_on, pk=sanction.pk)


def spent_on_all(sanctions) -> dict[int, datetime.date]:
    """For each decision against an individual, the day it is spent, with the same
    individual's other decisions of the same owning agency."""
    sanctions = [s for s in sanctions if s.subject == Subject.INDIVIDUAL]
    keys = {(s.recording_agency_id, s.identity_hash) for s in sanctions if s.identity_hash}
    groups: dict[tuple, list] = defaultdict(list)
    if keys:
        others = Sanction.objects.filter(
            subject=Subject.INDIVIDUAL,
            recording_agency_id__in={agency for agency, _hash in keys},
            identity_hash__in={h for _agency, h in keys},
        ).only("pk", "recording_agency_id", "identity_hash", "first_form", "first_decided_on")
        for other in others:
            groups[(other.recording_agency_id, other.identity_hash)].append(other)
    result = {}
    for sanction in sanctions:
        group = groups.get((sanction.recording_agency_id, sanction.identity_hash)) or [sanction]
        if sanction.pk not in {s.pk for s in group}:
            group = [*group, sanction]
        ends = spent_dates([_violation(s) for s in group])
        result[sanction.pk] = ends[[s.pk for s in group].index(sanction.pk)]
    return result


def spent_on(sanction: Sanction) -> datetime.date | None:
    """The day the violation is spent (None for an establishment)."""
    return spent_on_all([sanction]).get(sanction.pk)


def is_spent(sanction: Sanction, today: datetime.date | None = None) -> bool:
    end = spent_on(sanction)
    return end is not None and end <= (today or timezone.localdate())


def identity_state(sanction: Sanction, today=None) -> str:
    """ "none" (an establishment, or nothing recorded), "erased", "spent" or "live"."""
    if sanction.subject != Subject.INDIVIDUAL:
        return "none"
    if sanction.identity_erased_on:
        return "erased"
    if is_spent(sanction, today):
        return "spent"
    return "live" if has_identity(sanction) else "none"


# --- reading and erasing -----------------------------------------------------------------


@transaction.atomic
def read_identity(user, sanction: Sanction, reason: str = "") -> dict[str, str] | None:
    """The identity for the owning agency, logged; None once the violation is spent (or
    when none was recorded). PermissionDenied for anyone else."""
    require(user, "sanction.read_identity", sanction)
    if identity_state(sanction) != "live":
        return None
    record_access(
        user, sanction.access_subject, AccessLog.Access.VIEW, reason or _("sanctions record")
    )
    return decrypt_identity(sanction)


def _erase(sanction: Sanction, today: datetime.date) -> None:
    Sanction.objects.filter(pk=sanction.pk).update(
        full_name_enc="",
        id_number_enc="",
        birth_date_enc="",
        identity_hash="",
        identity_erased_on=today,
    )
    record_change(
        None,
        sanction,
        {"identity_erased_on": None},
        {"identity_erased_on": today.isoformat()},
        note="identity erased: the violation is spent",
    )


@transaction.atomic
def erase_spent(today: datetime.date | None = None) -> int:
    """Erase the identity of every decision whose violation is spent; how many were
    erased. Idempotent: run it daily."""
    today = today or timezone.localdate()
    candidates = list(
        Sanction.objects.select_for_update()
        .filter(subject=Subject.INDIVIDUAL, identity_erased_on__isnull=True)
        .order_by("pk")
    )
    ends = spent_on_all(candidates)
    erased = 0
    for sanction in candidates:
        if ends.get(sanction.pk) and ends[sanction.pk] <= today:
            _erase(sanction, today)
            erased += 1
    if erased:
        log.info("sanction identities erased count=%s (spent)", erased)
    return erased


def rotate(keys: list[str], new: str) -> int:
    """Re-encrypt the identities under ``new`` and recompute their hashes (called by the
    key rotation, inside its transaction); raises ValueError when a value cannot be
    opened."""
    done = 0
    rows = Sanction.objects.select_for_update().exclude(
        full_name_enc="", id_number_enc="", birth_date_enc=""
    )
    for sanction in rows.order_by("pk").iterator(chunk_size=500):
        plain = {}
        for name in IDENTITY_FIELDS:
            value = crypto.decrypt(getattr(sanction, f"{name}_enc"), keys)
            if value is None:
                raise ValueError(f"sanction {sanction.pk}: a value could not be opened")
            plain[name] = value
            setattr(sanction, f"{name}_enc", crypto.encrypt(value, [new]))
        sanction.identity_hash = identity_hash(**plain, keys=[new])
        sanction.save(update_fields=[*(f"{n}_enc" for n in IDENTITY_FIELDS), "identity_hash"])
        done += 1
    return done

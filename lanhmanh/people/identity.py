"""Identities: encryption, keyed hashes and the one door through which they are read.

``read_identity`` is the only function that decrypts a person's identity for a user: it
asks the permission door whether the user may see it (``case.read_identity``: a member of
the team of one of the person's open cases; or ``case.break_glass``: someone of the area,
with a reason in real words) and writes the access log (``audit.AccessLog``) in the same
transaction. No record of another register (a sanction, a tip) is a key to it. Nothing
else calls ``decrypt_identity`` except exports for a data-subject access request and the
key rotation.
"""

from __future__ import annotations

import datetime

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from lanhmanh import crypto
from lanhmanh.agencies import policy
from lanhmanh.audit.actions import record_access
from lanhmanh.audit.models import AccessLog
from lanhmanh.text import fold

from .models import IDENTITY_FIELDS, CaseStatus, Person
from .reasons import MIN_CHARS, MIN_WORDS, is_real_reason

HASH_ID = "people.id_number"
HASH_NAME_YEAR = "people.name_year"
HASH_GIVEN_YEAR = "people.given_year"


def normalised_id(id_number: str) -> str:
    return "".join(ch for ch in (id_number or "") if ch.isalnum()).upper()


def birth_year_of(birth_date: str) -> str:
    return (birth_date or "")[:4]


def hashes(full_name: str, id_number: str, birth_date: str, keys=None) -> dict[str, str]:
    """The keyed hashes that find a repeat record of the same person."""
    year = birth_year_of(birth_date)
    name = fold(full_name or "")
    given = name.split()[-1] if name else ""
    return {
        "id_hash": crypto.keyed_hash(HASH_ID, normalised_id(id_number), keys),
        "name_year_hash": crypto.keyed_hash(HASH_NAME_YEAR, f"{name}|{year}", keys)
        if name and year
        else "",
        "given_year_hash": crypto.keyed_hash(HASH_GIVEN_YEAR, f"{given}|{year}", keys)
        if given and year
        else "",
    }


def set_identity(person: Person, **values) -> None:
    """Encrypt the identity fields given (full_name, id_number, birth_date, phone,
    address) onto ``person`` and recompute its hashes; the caller saves."""
    current = decrypt_identity(person) if person.pk else dict.fromkeys(IDENTITY_FIELDS, "")
    for name in IDENTITY_FIELDS:
        if name in values:
            value = (values[name] or "").strip()
            current[name] = value
            setattr(person, f"{name}_enc", crypto.encrypt(value))
    for field, value in hashes(
        current["full_name"], current["id_number"], current["birth_date"]
    ).items():
        setattr(person, field, value)


def decrypt_identity(person: Person) -> dict[str, str]:
    """The plaintext identity, without any check or log: call ``read_identity``."""
    return {name: crypto.decrypt(getattr(person, f"{name}_enc")) or "" for name in IDENTITY_FIELDS}


def _open_cases(person: Person):
    return [case for case in person.cases.all() if case.status == CaseStatus.OPEN]


def may_read(user, person: Person) -> bool:
    """Without break-glass: a member of the team of one of the person's open cases
    (``case.read_identity``). Nothing else is a key: not a sanction, not a referral."""
    return any(policy.can(user, "case.read_identity", case) for case in _open_cases(person))


def may_break_glass(user, person: Person) -> bool:
    """Someone of the area of one of the person's cases, open or closed, in a role that
    may ask (``case.break_glass``)."""
    return any(policy.can(user, "case.break_glass", case) for case in person.cases.all())


REASON_MAX = 500


def clean_reason(reason: str) -> str:
    """The reason, on one line; a ValidationError on the field ``reason`` unless it is
    stated in real words (``reasons.is_real_reason``)."""
    reason = " ".join((reason or "").split())[:REASON_MAX]
    if not is_real_reason(reason):
        raise ValidationError(
            {
                "reason": [
                    _(
                        "State the reason in real words: at least %(words)s different "
                        "words and %(chars)s characters."
                    )
                    % {"words": MIN_WORDS, "chars": MIN_CHARS}
                ]
            }
        )
    return reason


@transaction.atomic
def read_identity(
    user, person: Person, reason: str = "", *, break_glass: bool = False, access: str = ""
) -> dict[str, str]:
    """The person's identity for ``user``, logged; PermissionDenied when not allowed.

    ``break_glass``: the exceptional read of someone of the area who is not on the team,
    with a reason in real words; it is listed for the coordinators' review.
    """
    if break_glass:
        if not may_break_glass(user, person):
            raise PermissionDenied
        reason = clean_reason(reason)
        kind = AccessLog.Access.BREAK_GLASS
    else:
        if not may_read(user, person):
            raise PermissionDenied
        kind = access or AccessLog.Access.VIEW
        reason = " ".join((reason or "").split())[:REASON_MAX] or _("case work")
    record_access(user, person.code, kind, reason)
    return decrypt_identity(person)


def birth_year_display(identity: dict) -> str:
    value = identity.get("birth_date") or ""
    try:
        day = datetime.date.fromisoformat(value)
    except ValueError:
        return value
    return day.strftime("%d/%m/%Y")


@transaction.atomic
def find(user, cases, *, id_number: str = "", full_name: str = "", birth_year: str = ""):
    """Cases (of ``cases``, already scoped to the user's area: never another province's)
    whose person has the same keyed hash of the ID number, or of full name and birth year.
    Never decrypts; each match is logged."""
    from django.db.models import Q

    wanted = hashes(full_name, id_number, str(birth_year or ""))
    condition = Q(pk__in=[])
    if wanted["id_hash"]:
        condition |= Q(person__id_hash=wanted["id_hash"])
    if wanted["name_year_hash"]:
        condition |= Q(person__name_year_hash=wanted["name_year_hash"])
    matches = list(cases.filter(condition).select_related("person", "commune"))
    for code in sorted({case.person.code for case in matches}):
        record_access(user, code, AccessLog.Access.SEARCH, _("search by identity"))
    return matches

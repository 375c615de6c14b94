"""State changes of agencies, users and memberships. Views, the admin, the API and commands
call these: each takes the acting user (``acting_user``, required; ``None`` only for the
system itself), asks the permission door, and writes one audit row (``audit.actions``)."""

from __future__ import annotations

import datetime
import logging

from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from lanhmanh.audit.actions import record_change, snapshot

from . import policy
from .models import Agency, Membership
from .roles import Role

log = logging.getLogger("lanhmanh.audit")
User = get_user_model()


@transaction.atomic
def create_agency(*, name: str, kind: str, jurisdiction=None, **fields) -> Agency:
    agency = Agency(name=name.strip(), kind=kind, jurisdiction=jurisdiction, **fields)
    agency.full_clean()
    agency.save()
    log.info("agency created id=%s", agency.pk)
    return agency


@transaction.atomic
def dissolve_agency(agency: Agency, *, last_day: datetime.date, successor: Agency | None) -> Agency:
    """Close an agency; its duties in the programme pass to ``successor``."""
    if successor is not None and successor.pk == agency.pk:
        raise ValidationError(_("An agency cannot succeed itself."))
    if agency.valid_from and last_day < agency.valid_from:
        raise ValidationError(_("An agency cannot end before it began."))
    agency.valid_to = last_day
    agency.successor = successor
    agency.save(update_fields=["valid_to", "successor", "updated_at"])
    log.info("agency dissolved id=%s successor=%s", agency.pk, getattr(successor, "pk", None))
    return agency


# What a user's audit row shows of them (never the password, nor its hash).
USER_FIELDS = (
    "username",
    "first_name",
    "last_name",
    "email",
    "is_active",
    "is_staff",
    "is_superuser",
)
MEMBERSHIP_FIELDS = ("user", "agency", "role")


def _require(acting_user, action: str, obj=None) -> None:
    """The door, for a person acting; ``acting_user=None`` is the system itself (the demo
    loader, a command run by the operator), which the audit row records as no one."""
    if acting_user is not None:
        policy.require(acting_user, action, obj)


def _forget_grants(user) -> None:
    user.__dict__.pop("_lanhmanh_grants", None)


@transaction.atomic
def grant_membership(user, agency: Agency, role: str, *, acting_user) -> Membership:
    """``user`` works for ``agency`` in ``role`` from now on (nothing new if already)."""
    _require(acting_user, "membership.grant", agency)
    if role not in Role.values:
        raise ValidationError(_("Unknown role: %(role)s") % {"role": role})
    membership, created = Membership.objects.get_or_create(user=user, agency=agency, role=role)
    if created:
        record_change(acting_user, membership, None, snapshot(membership, MEMBERSHIP_FIELDS))
        log.info("membership added user=%s agency=%s role=%s", user.pk, agency.pk, role)
    _forget_grants(user)
    return membership


@transaction.atomic
def revoke_membership(membership: Membership, *, acting_user) -> None:
    _require(acting_user, "membership.grant", membership.agency)
    record_change(acting_user, membership, snapshot(membership, MEMBERSHIP_FIELDS), None)
    log.info(
        "membership removed user=%s agency=%s role=%s",
        membership.user_id,
        membership.agency_id,
        membership.role,
    )
    membership.delete()
    _forget_grants(membership.user)


@transaction.atomic
def create_user(
    *,
    username: str,
    acting_user,
    password: str | None = None,
    agency: Agency | None = None,
    role: str | None = None,
    **fields,
) -> User:
    """A new user; with ``agency`` and ``role``, one who works there in that role."""
    _require(acting_user, "user.manage")
    if User.objects.filter(username__iexact=username).exists():
        raise ValidationError(_("The user name %(name)s is taken.") % {"name": username})
    user = User(username=username, **fields)
    if password:
        user.set_password(password)
    else:
        user.set_unusable_password()
    user.full_clean(exclude=["password"])
    user.save()
    record_change(acting_user, user, None, snapshot(user, USER_FIELDS))
    if agency is not None:
        grant_membership(user, agency, role, acting_user=acting_user)
    log.info("user created id=%s", user.pk)
    return user


@transaction.atomic
def change_user(user, *, acting_user, note: str = "", **fields) -> User:
    """Change the user's name, e-mail or flags (``USER_FIELDS``); one audit row."""
    _require(acting_user, "user.manage")
    unknown = set(fields) - set(USER_FIELDS)
    if unknown:
        raise ValueError(f"not a user field for this action: {', '.join(sorted(unknown))}")
    before = snapshot(user, USER_FIELDS)
    for name, value in fields.items():
        setattr(user, name, value)
    user.full_clean(exclude=["password"])
    user.save()
    record_change(acting_user, user, before, snapshot(user, USER_FIELDS), note)
    _forget_grants(user)
    log.info("user changed id=%s fields=%s", user.pk, ",".join(sorted(fields)))
    return user


def deactivate_user(user, *, acting_user) -> User:
    """The user can no longer sign in or use a token; their history stays theirs."""
    return change_user(user, acting_user=acting_user, is_active=False)


@transaction.atomic
def set_password(user, password: str | None, *, acting_user) -> User:
    """A new password (``None``: password sign-in disabled); the audit row says so, and
    holds neither the password nor its hash."""
    _require(acting_user, "user.manage")
    if password:
        user.set_password(password)
        note = "password set"
    else:
        user.set_unusable_password()
        note = "password disabled"
    user.save(update_fields=["password"])
    record_change(acting_user, user, {}, {}, note)
    log.info("user %s id=%s", note, user.pk)
    return user

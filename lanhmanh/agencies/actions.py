"""State changes of agencies and memberships. Views, the API and commands call these."""

from __future__ import annotations

import datetime
import logging

from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

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


@transaction.atomic
def add_membership(user, agency: Agency, role: str) -> Membership:
    if role not in Role.values:
        raise ValidationError(_("Unknown role: %(role)s") % {"role": role})
    membership, created = Membership.objects.get_or_create(user=user, agency=agency, role=role)
    if created:
        log.info("membership added user=%s agency=%s role=%s", user.pk, agency.pk, role)
    user.__dict__.pop("_lanhmanh_grants", None)
    return membership


@transaction.atomic
def remove_membership(membership: Membership) -> None:
    log.info(
        "membership removed user=%s agency=%s role=%s",
        membership.user_id,
        membership.agency_id,
        membership.role,
    )
    membership.delete()


@transaction.atomic
def create_user(
    *, username: str, password: str | None, agency: Agency, role: str, **fields
) -> User:
    """A user who works for ``agency`` in ``role``."""
    if User.objects.filter(username__iexact=username).exists():
        raise ValidationError(_("The user name %(name)s is taken.") % {"name": username})
    user = User(username=username, **fields)
    if password:
        user.set_password(password)
    else:
        user.set_unusable_password()
    user.full_clean(exclude=["password"])
    user.save()
    add_membership(user, agency, role)
    log.info("user created id=%s", user.pk)
    return user

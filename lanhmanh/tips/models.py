"""Tips and complaints ("tin báo, tố giác") and their handling.

A tip is kept under the commune it is about (the unit the scoping helper reads). It is
received, verified by the agency it is assigned to, and closed with an outcome; it is
handled on time when it is closed by its deadline (received + the category's handling
period). The sender's contact is optional and encrypted at rest (``crypto``): it never
appears in lists, exports, the API or logs, only on the detail page to the users of the
handling agency, and each such reveal is recorded in ``SenderContactView``.
"""

from __future__ import annotations

import datetime
import json
import secrets

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from lanhmanh.agencies.models import Agency
from lanhmanh.places.models import AdministrativeUnit
from lanhmanh.text import fold

from . import crypto

# Without 0/O and 1/I, which are read or typed one for the other.
REFERENCE_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"
REFERENCE_LENGTH = 10
CONTENT_MAX = 5000


class Channel(models.TextChoices):
    HOTLINE = "hotline", _("Hotline")
    MAILBOX = "mailbox", _("Mailbox")
    IN_PERSON = "in_person", _("In person")
    REFERRAL = "referral", _("Referral from another agency")
    WEB = "web", _("Public web form")


class Category(models.TextChoices):
    PROSTITUTION = "prostitution", _("Prostitution activity")
    BROKERING = "brokering", _("Brokering or organising")
    TRAFFICKING = "trafficking", _("Suspected human trafficking")
    ESTABLISHMENT = "establishment", _("Violation by a business establishment")
    OTHER = "other", _("Other")


class Status(models.TextChoices):
    RECEIVED = "received", _("Received")
    VERIFYING = "verifying", _("Being verified")
    HANDLED = "handled", _("Handled")


class Outcome(models.TextChoices):
    UNFOUNDED = "unfounded", _("Unfounded")
    ADMINISTRATIVE = "administrative", _("Administrative violation (inspection or sanction)")
    CRIME = "crime", _("Crime (police case)")
    HOTSPOT = "hotspot", _("Hotspot")


DEFAULT_HANDLING_DAYS = 30
# Days to handle a tip, by category; settings.TIP_HANDLING_DAYS overrides any of them.
# Signs of a crime are settled within 20 days (Criminal Procedure Code 2015, art. 147).
HANDLING_DAYS = {Category.TRAFFICKING: 20}


def handling_days(category: str) -> int:
    configured = getattr(settings, "TIP_HANDLING_DAYS", {}) or {}
    if category in configured:
        return int(configured[category])
    return HANDLING_DAYS.get(category, DEFAULT_HANDLING_DAYS)


def deadline_for(category: str, received_at: datetime.datetime) -> datetime.date:
    return timezone.localdate(received_at) + datetime.timedelta(days=handling_days(category))


def new_reference() -> str:
    return "".join(secrets.choice(REFERENCE_ALPHABET) for _ in range(REFERENCE_LENGTH))


def normalise_reference(text: str) -> str:
    """What the sender typed, as stored: capitals, without spaces or dashes."""
    return "".join(ch for ch in (text or "").upper() if ch.isalnum())[:40]


class TipQuerySet(models.QuerySet):
    def open(self):
        return self.exclude(status=Status.HANDLED)

    def overdue(self, day: datetime.date | None = None):
        return self.open().filter(deadline__lt=day or timezone.localdate())

    def search(self, query: str):
        folded = fold(query or "")
        return self.filter(content_search__contains=folded) if folded else self


class Tip(models.Model):
    reference = models.CharField(_("reference code"), max_length=16, unique=True, editable=False)
    channel = models.CharField(_("channel"), max_length=12, choices=Channel.choices)
    received_at = models.DateTimeField(_("received at"), default=timezone.now)
    commune = models.ForeignKey(
        AdministrativeUnit,
        verbose_name=_("commune"),
        on_delete=models.PROTECT,
        related_name="tips",
        help_text=_("The commune the tip is about."),
    )
    category = models.CharField(_("category"), max_length=16, choices=Category.choices)
    content = models.TextField(_("content"), max_length=CONTENT_MAX)
    content_search = models.TextField(editable=False, blank=True)
    assigned_agency = models.ForeignKey(
        Agency,
        verbose_name=_("handling agency"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="tips",
    )
    deadline = models.DateField(_("handling deadline"))
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.RECEIVED
    )
    outcome = models.CharField(_("outcome"), max_length=16, choices=Outcome.choices, blank=True)
    closed_at = models.DateTimeField(_("closed at"), null=True, blank=True)
    # The sender's name, phone and e-mail as one encrypted JSON object; empty: anonymous.
    sender_contact = models.TextField(editable=False, blank=True, default="")
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    objects = TipQuerySet.as_manager()

    class Meta:
        verbose_name = _("tip")
        verbose_name_plural = _("tips")
        ordering = ["-received_at", "-pk"]
        indexes = [
            models.Index(fields=["status", "deadline"]),
            models.Index(fields=["received_at"]),
            # The dashboards count an area's tips received in a period.
            models.Index(fields=["commune", "received_at"], name="tip_commune_received"),
        ]

    def __str__(self) -> str:
        return self.reference

    def save(self, *args, **kwargs):
        if not self.reference:
            self.reference = new_reference()
            while Tip.objects.filter(reference=self.reference).exists():
                self.reference = new_reference()
        if not self.deadline:
            self.deadline = deadline_for(self.category, self.received_at)
        self.content_search = fold(self.content)
        super().save(*args, **kwargs)

    # --- the sender's contact ------------------------------------------------------------
    @property
    def has_contact(self) -> bool:
        return bool(self.sender_contact)

    def set_contact(self, name: str = "", phone: str = "", email: str = "") -> None:
        contact = {"name": name.strip(), "phone": phone.strip(), "email": email.strip()}
        if any(contact.values()):
            self.sender_contact = crypto.encrypt(json.dumps(contact, ensure_ascii=False))
        else:
            self.sender_contact = ""

    def read_contact(self) -> dict | None:
        """Decrypt the contact. Call only through ``actions.reveal_contact``, which logs it."""
        if not self.sender_contact:
            return None
        text = crypto.decrypt(self.sender_contact)
        return json.loads(text) if text else None

    # --- deadlines -----------------------------------------------------------------------
    @property
    def is_closed(self) -> bool:
        return self.status == Status.HANDLED

    @property
    def is_overdue(self) -> bool:
        return not self.is_closed and self.deadline < timezone.localdate()

    @property
    def on_time(self) -> bool | None:
        """Closed by the deadline; None while open and not yet late."""
        if self.closed_at:
            return timezone.localdate(self.closed_at) <= self.deadline
        return False if self.is_overdue else None

    @property
    def public_status(self) -> str:
        """The one thing a sender is told: received, being verified or handled."""
        return self.get_status_display()


class TipEvent(models.Model):
    """The tip's history: receipt, assignment, verification, closure, notes."""

    class Action(models.TextChoices):
        RECEIVED = "received", _("received")
        ASSIGNED = "assigned", _("assigned")
        VERIFYING = "verifying", _("verification started")
        CLOSED = "closed", _("closed")
        NOTE = "note", _("note")

    tip = models.ForeignKey(Tip, on_delete=models.CASCADE, related_name="events")
    at = models.DateTimeField(default=timezone.now)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    action = models.CharField(max_length=10, choices=Action.choices)
    from_status = models.CharField(max_length=10, choices=Status.choices, blank=True)
    to_status = models.CharField(max_length=10, choices=Status.choices, blank=True)
    agency = models.ForeignKey(
        Agency, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    comment = models.TextField(blank=True)

    class Meta:
        ordering = ["tip", "at", "pk"]

    def __str__(self) -> str:
        return f"{self.tip_id} {self.action}"


class SenderContactView(models.Model):
    """Who saw a tip's sender contact, when and why (never what they saw)."""

    tip = models.ForeignKey(Tip, on_delete=models.CASCADE, related_name="contact_views")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    at = models.DateTimeField(auto_now_add=True)
    reason = models.CharField(_("reason"), max_length=200)

    class Meta:
        verbose_name = _("view of a sender's contact")
        verbose_name_plural = _("views of senders' contacts")
        ordering = ["-at", "-pk"]

    def __str__(self) -> str:
        return f"{self.tip_id} {self.user_id} {self.at:%Y-%m-%d %H:%M}"

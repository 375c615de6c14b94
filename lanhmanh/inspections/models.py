"""At-risk establishments, the legal bases of sanctions, and the inspections of Team 178.

An establishment is a business (its owner is a business name, never a person record).
Coverage, the share of establishments active in a period that were inspected at least
once in it, is what the "≥ X% inspected" targets measure.
"""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from lanhmanh.agencies.models import Agency
from lanhmanh.places.models import AdministrativeUnit
from lanhmanh.text import fold


class EstablishmentKind(models.TextChoices):
    KARAOKE = "karaoke", _("karaoke")
    MASSAGE = "massage", _("massage / steam bath")
    HOTEL = "hotel", _("hotel")
    GUEST_HOUSE = "guest_house", _("guest house")
    BAR = "bar", _("bar / dance hall")
    CAFE = "cafe", _("café with private rooms")
    HAIR = "hair", _("hair-wash and barber")
    OTHER = "other", _("other")


class EstablishmentStatus(models.TextChoices):
    ACTIVE = "active", _("active")
    SUSPENDED = "suspended", _("suspended")
    CLOSED = "closed", _("closed")


class Risk(models.IntegerChoices):
    LOW = 1, _("low")
    MEDIUM = 2, _("medium")
    HIGH = 3, _("high")


class Establishment(models.Model):
    kind = models.CharField(_("kind"), max_length=12, choices=EstablishmentKind.choices)
    name = models.CharField(_("name"), max_length=255)
    name_search = models.CharField(max_length=255, editable=False, db_index=True)
    address = models.CharField(_("address"), max_length=255, blank=True)
    commune = models.ForeignKey(
        AdministrativeUnit, verbose_name=_("commune"), on_delete=models.PROTECT, related_name="+"
    )
    registration_number = models.CharField(
        _("business registration no."), max_length=40, blank=True
    )
    security_certificate = models.CharField(
        _("security-condition certificate no."), max_length=40, blank=True
    )
    owner = models.CharField(_("owner (business)"), max_length=255, blank=True)
    status = models.CharField(
        _("status"), max_length=10, choices=EstablishmentStatus.choices, default="active"
    )
    opened_on = models.DateField(_("opened on"), null=True, blank=True)
    closed_on = models.DateField(_("closed or suspended on"), null=True, blank=True)
    risk = models.PositiveSmallIntegerField(_("risk"), choices=Risk.choices, default=Risk.MEDIUM)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("establishment")
        verbose_name_plural = _("establishments")
        ordering = ["name_search"]
        indexes = [models.Index(fields=["commune", "status"])]

    def __str__(self) -> str:
        return self.name

    def save(self, *args, **kwargs):
        self.name_search = fold(f"{self.name} {self.address}")
        super().save(*args, **kwargs)


class LegalBasis(models.Model):
    """A sanctionable behaviour as a decree states it, with the fine range in force."""

    decree = models.CharField(_("decree"), max_length=40)
    article = models.PositiveSmallIntegerField(_("article"), null=True, blank=True)
    clause = models.PositiveSmallIntegerField(_("clause"), null=True, blank=True)
    point = models.CharField(_("point"), max_length=2, blank=True)
    behaviour = models.CharField(_("behaviour"), max_length=500)
    warning_allowed = models.BooleanField(_("a warning is possible"), default=False)
    fine_min = models.PositiveBigIntegerField(_("lowest fine (VND)"))
    fine_max = models.PositiveBigIntegerField(_("highest fine (VND)"))
    valid_from = models.DateField(_("in force from"))
    valid_to = models.DateField(_("in force until"), null=True, blank=True)

    class Meta:
        verbose_name = _("legal basis")
        verbose_name_plural = _("legal bases")
        ordering = ["-valid_from", "decree", "article", "clause"]

    def __str__(self) -> str:
        where = ", ".join(
            part
            for part in (
                f"{_('point')} {self.point}" if self.point else "",
                f"{_('clause')} {self.clause}" if self.clause else "",
                f"{_('article')} {self.article}" if self.article else "",
            )
            if part
        )
        return f"{self.decree}{' ' + where if where else ''}: {self.behaviour}"


class InspectionKind(models.TextChoices):
    PERIODIC = "periodic", _("periodic")
    SURPRISE = "surprise", _("surprise")


class Inspection(models.Model):
    establishment = models.ForeignKey(
        Establishment, on_delete=models.PROTECT, related_name="inspections"
    )
    team = models.ForeignKey(
        Agency, verbose_name=_("inspection team"), on_delete=models.PROTECT, related_name="+"
    )
    inspected_on = models.DateField(_("date"))
    kind = models.CharField(_("kind"), max_length=10, choices=InspectionKind.choices)
    findings = models.TextField(_("findings"), blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("inspection")
        verbose_name_plural = _("inspections")
        ordering = ["-inspected_on", "-pk"]
        indexes = [models.Index(fields=["inspected_on"])]

    def __str__(self) -> str:
        return f"{self.establishment} {self.inspected_on:%d/%m/%Y}"


class SanctionForm(models.TextChoices):
    WARNING = "warning", _("warning")
    FINE = "fine", _("fine")
    SUSPENSION = "suspension", _("suspension")
    REVOCATION = "revocation", _("licence revocation")


class Violation(models.Model):
    inspection = models.ForeignKey(Inspection, on_delete=models.CASCADE, related_name="violations")
    legal_basis = models.ForeignKey(LegalBasis, on_delete=models.PROTECT, related_name="+")
    description = models.TextField(_("what was found"), blank=True)
    proposed = models.CharField(_("proposed sanction"), max_length=12, choices=SanctionForm.choices)
    fine_amount = models.PositiveBigIntegerField(_("fine (VND)"), null=True, blank=True)

    class Meta:
        verbose_name = _("violation")
        verbose_name_plural = _("violations")

    def __str__(self) -> str:
        return str(self.legal_basis)

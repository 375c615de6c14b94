import datetime

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from lanhmanh.places.models import AdministrativeUnit
from lanhmanh.text import fold
from lanhmanh.validity import is_valid_on, valid_on

from .roles import Role


class AgencyKind(models.TextChoices):
    PEOPLES_COMMITTEE = "peoples_committee", _("People's Committee")
    DEPARTMENT = "department", _("Department")
    POLICE = "police", _("Police")
    BORDER_GUARD = "border_guard", _("Border guard")
    PROCURACY = "procuracy", _("Procuracy")
    COURT = "court", _("Court")
    MASS_ORGANISATION = "mass_organisation", _("Mass organisation")
    MEDIA = "media", _("Media")
    SCHOOL = "school", _("School")
    INSPECTION_TEAM = "inspection_team", _("Inspection team")
    SERVICE_PROVIDER = "service_provider", _("Service provider")
    OTHER = "other", _("Other")


class AgencyQuerySet(models.QuerySet):
    def active_on(self, day: datetime.date | None = None):
        return self.filter(valid_on(day or timezone.localdate()))

    def search(self, query: str):
        folded = fold(query)
        if not folded:
            return self
        return self.filter(
            models.Q(name_search__contains=folded) | models.Q(short_name_search__contains=folded)
        )


class Agency(models.Model):
    name = models.CharField(_("name"), max_length=255)
    short_name = models.CharField(_("short name"), max_length=60, blank=True)
    name_search = models.CharField(max_length=255, editable=False, db_index=True)
    short_name_search = models.CharField(max_length=60, editable=False, blank=True)
    kind = models.CharField(_("kind"), max_length=24, choices=AgencyKind.choices)
    jurisdiction = models.ForeignKey(
        AdministrativeUnit,
        verbose_name=_("jurisdiction"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="agencies",
        help_text=_("The province or commune the agency covers; empty for a national agency."),
    )
    parent = models.ForeignKey(
        "self",
        verbose_name=_("parent agency"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="children",
    )
    valid_from = models.DateField(_("valid from"), null=True, blank=True)
    valid_to = models.DateField(
        _("valid to"), null=True, blank=True, help_text=_("The last day the agency existed.")
    )
    successor = models.ForeignKey(
        "self",
        verbose_name=_("successor"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="predecessors",
        help_text=_("The agency that took over this one's duties in the programme."),
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = AgencyQuerySet.as_manager()

    class Meta:
        verbose_name = _("agency")
        verbose_name_plural = _("agencies")
        ordering = ["name_search"]

    def __str__(self) -> str:
        return self.name

    def save(self, *args, **kwargs):
        self.name_search = fold(self.name)
        self.short_name_search = fold(self.short_name)
        super().save(*args, **kwargs)

    def is_active_on(self, day: datetime.date | None = None) -> bool:
        return is_valid_on(self, day or timezone.localdate())

    @property
    def is_active(self) -> bool:
        return self.is_active_on()


class Membership(models.Model):
    """A user works for an agency in a role; the agency's jurisdiction bounds what they see."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="memberships"
    )
    agency = models.ForeignKey(Agency, on_delete=models.PROTECT, related_name="memberships")
    role = models.CharField(_("role"), max_length=16, choices=Role.choices)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("membership")
        verbose_name_plural = _("memberships")
        constraints = [
            models.UniqueConstraint(fields=["user", "agency", "role"], name="membership_once")
        ]

    def __str__(self) -> str:
        return f"{self.user} · {self.get_role_display()} · {self.agency}"

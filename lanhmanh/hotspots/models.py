"""Prostitution hotspots ("tụ điểm"), their status history and the checks made on them.

A hotspot is kept under the commune it lies in. Its status moves along a fixed path
(active → broken up → monitored → recurred → broken up …) through ``actions``, which
writes every move into ``HotspotStatusChange``; the first row of that history is the
status the hotspot was registered with. The indicators (``indicators.py``) are computed
from the history, so a status can be asked for on any past day.

Hotspots hold places, never people.
"""

from decimal import Decimal, InvalidOperation

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from lanhmanh.agencies.models import Agency
from lanhmanh.places.models import AdministrativeUnit, Level
from lanhmanh.text import fold

# Vietnam, with the islands of Hoàng Sa and Trường Sa: a point outside is a typing error.
LATITUDE_RANGE = (Decimal("6"), Decimal("24"))
LONGITUDE_RANGE = (Decimal("102"), Decimal("118"))


class HotspotKind(models.TextChoices):
    PUBLIC_PLACE = "public_place", _("Public place")
    ESTABLISHMENT = "establishment", _("Inside an establishment")


class HotspotStatus(models.TextChoices):
    ACTIVE = "active", pgettext_lazy("hotspot status", "Active")
    BROKEN_UP = "broken_up", _("Broken up")
    MONITORED = "monitored", _("Under monitoring")
    RECURRED = "recurred", _("Recurred")


S = HotspotStatus
# from -> the statuses it may move to. A broken-up hotspot may recur before it is put
# under monitoring (a check finds activity again); an active one must be broken up first.
TRANSITIONS: dict[str, frozenset[str]] = {
    S.ACTIVE: frozenset({S.BROKEN_UP}),
    S.BROKEN_UP: frozenset({S.MONITORED, S.RECURRED}),
    S.MONITORED: frozenset({S.RECURRED}),
    S.RECURRED: frozenset({S.BROKEN_UP}),
}
# Statuses in which prostitution goes on at the place.
OPERATING = frozenset({S.ACTIVE, S.RECURRED})
# Statuses of a hotspot that is kept clear.
CLEARED = frozenset({S.BROKEN_UP, S.MONITORED})


class Hotspot(models.Model):
    name = models.CharField(
        _("name"), max_length=200, help_text=_("A short description that identifies the place.")
    )
    description = models.TextField(_("description"), blank=True)
    commune = models.ForeignKey(
        AdministrativeUnit,
        verbose_name=_("commune"),
        on_delete=models.PROTECT,
        related_name="hotspots",
        limit_choices_to={"level": Level.COMMUNE},
        help_text=_("The commune or ward the hotspot lies in; the record is kept under it."),
    )
    address = models.CharField(_("address"), max_length=255)
    latitude = models.DecimalField(
        _("latitude"),
        max_digits=9,
        decimal_places=6,
        null=True,
        blank=True,
        validators=[MinValueValidator(Decimal("-90")), MaxValueValidator(Decimal("90"))],
    )
    longitude = models.DecimalField(
        _("longitude"),
        max_digits=9,
        decimal_places=6,
        null=True,
        blank=True,
        validators=[MinValueValidator(Decimal("-180")), MaxValueValidator(Decimal("180"))],
    )
    kind = models.CharField(
        _("type"), max_length=16, choices=HotspotKind.choices, default=HotspotKind.PUBLIC_PLACE
    )
    establishment_name = models.CharField(
        _("establishment"),
        max_length=255,
        blank=True,
        help_text=_("The name of the business the hotspot is inside, if any."),
    )
    status = models.CharField(
        _("status"), max_length=12, choices=HotspotStatus.choices, default=HotspotStatus.ACTIVE
    )
    status_since = models.DateField(_("status since"))
    search = models.CharField(max_length=700, editable=False, db_index=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("hotspot")
        verbose_name_plural = _("hotspots")
        ordering = ["commune_id", "name"]
        indexes = [models.Index(fields=["commune", "status"])]

    def __str__(self) -> str:
        return self.name

    def save(self, *args, **kwargs):
        self.search = fold(" ".join([self.name, self.address, self.establishment_name]))[:700]
        super().save(*args, **kwargs)

    def clean(self):
        errors = {}
        if (self.latitude is None) != (self.longitude is None):
            missing = "longitude" if self.longitude is None else "latitude"
            errors[missing] = _("Give both coordinates, or neither.")
        for name, (low, high), message in (
            (
                "latitude",
                LATITUDE_RANGE,
                _("The latitude must lie in Vietnam, between %(low)s and %(high)s."),
            ),
            (
                "longitude",
                LONGITUDE_RANGE,
                _("The longitude must lie in Vietnam, between %(low)s and %(high)s."),
            ),
        ):
            value = getattr(self, name)
            try:
                value = None if value is None else Decimal(str(value))
            except InvalidOperation:
                continue  # the field's own validation reports it
            if value is not None and not low <= value <= high and name not in errors:
                errors[name] = message % {"low": low, "high": high}
        if self.kind == HotspotKind.ESTABLISHMENT and not self.establishment_name.strip():
            errors["establishment_name"] = _("Name the establishment the hotspot is inside.")
        if self.commune_id and self.commune.level != Level.COMMUNE:
            errors["commune"] = _("Choose a commune or ward, not a province.")
        if errors:
            raise ValidationError(errors)

    @property
    def allowed_statuses(self) -> list[str]:
        """The statuses this hotspot may move to next, in the order of the choices."""
        allowed = TRANSITIONS.get(self.status, frozenset())
        return [value for value in HotspotStatus.values if value in allowed]


class HotspotStatusChange(models.Model):
    """One move of a hotspot's status; the first (empty ``from_status``) is its registration."""

    hotspot = models.ForeignKey(Hotspot, on_delete=models.CASCADE, related_name="status_changes")
    from_status = models.CharField(
        _("from"), max_length=12, choices=HotspotStatus.choices, blank=True
    )
    to_status = models.CharField(_("to"), max_length=12, choices=HotspotStatus.choices)
    on = models.DateField(_("date"))
    note = models.TextField(_("note"), blank=True)
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("recorded by"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    recorded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("status change")
        verbose_name_plural = _("status changes")
        ordering = ["hotspot_id", "on", "pk"]
        indexes = [models.Index(fields=["to_status", "on"])]

    def __str__(self) -> str:
        return f"{self.hotspot_id}: {self.from_status or '∅'} → {self.to_status} ({self.on})"


class HotspotCheck(models.Model):
    """A patrol or check of a hotspot, and whether it found prostitution going on."""

    hotspot = models.ForeignKey(Hotspot, on_delete=models.CASCADE, related_name="checks")
    on = models.DateField(_("date"))
    agency = models.ForeignKey(
        Agency,
        verbose_name=_("by agency"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="hotspot_checks",
    )
    found_activity = models.BooleanField(
        _("activity found"),
        default=False,
        help_text=_("Prostitution was going on. A broken-up hotspot then counts as recurred."),
    )
    note = models.TextField(_("note"), blank=True)
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("recorded by"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    recorded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("check")
        verbose_name_plural = _("checks")
        ordering = ["hotspot_id", "-on", "-pk"]

    def __str__(self) -> str:
        return f"{self.hotspot_id} {self.on}"

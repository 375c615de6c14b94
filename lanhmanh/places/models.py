"""Administrative units of Vietnam, current (two tiers) and historic (three tiers).

Codes were reused when provinces merged on 1 July 2025, so a unit is identified by its
system (the three-tier list in force until 30/06/2025 or the two-tier list since
01/07/2025), its level and its code, and carries the dates it is valid for.
"""

import datetime

from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from lanhmanh.text import fold
from lanhmanh.validity import valid_on

TWO_TIER_SINCE = datetime.date(2025, 7, 1)
THREE_TIER_UNTIL = TWO_TIER_SINCE - datetime.timedelta(days=1)


class System(models.TextChoices):
    TWO_TIER = "2025", _("Two tiers (since 01/07/2025)")
    THREE_TIER = "1976", _("Three tiers (until 30/06/2025)")


class Level(models.TextChoices):
    PROVINCE = "province", pgettext_lazy("level", "Province")
    DISTRICT = "district", pgettext_lazy("level", "District")
    COMMUNE = "commune", pgettext_lazy("level", "Commune")


class DivisionType(models.TextChoices):
    PROVINCE = "tinh", _("province")
    CENTRAL_CITY = "thanh_pho_trung_uong", _("centrally-run city")
    DISTRICT = "huyen", _("rural district")
    URBAN_DISTRICT = "quan", _("urban district")
    TOWN = "thi_xa", _("town")
    PROVINCIAL_CITY = "thanh_pho", _("provincial city")
    COMMUNE = "xa", _("commune")
    WARD = "phuong", _("ward")
    TOWNLET = "thi_tran", _("township")
    SPECIAL_ZONE = "dac_khu", _("special zone")


class UnitQuerySet(models.QuerySet):
    def valid_on(self, day: datetime.date):
        return self.filter(valid_on(day))

    def current(self):
        return self.filter(valid_to__isnull=True)

    def search(self, query: str):
        folded = fold(query)
        return self.filter(name_search__contains=folded) if folded else self


class AdministrativeUnit(models.Model):
    system = models.CharField(_("system"), max_length=4, choices=System.choices)
    level = models.CharField(_("level"), max_length=10, choices=Level.choices)
    code = models.CharField(_("code"), max_length=5)
    division_type = models.CharField(_("type"), max_length=24, choices=DivisionType.choices)
    name = models.CharField(_("name"), max_length=120)
    name_search = models.CharField(max_length=120, editable=False, db_index=True)
    parent = models.ForeignKey(
        "self",
        verbose_name=_("parent unit"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="children",
    )
    province = models.ForeignKey(
        "self",
        verbose_name=_("province"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        help_text=_("The province the unit belongs to in its own system (itself for a province)."),
    )
    valid_from = models.DateField(_("valid from"), null=True, blank=True)
    valid_to = models.DateField(_("valid to"), null=True, blank=True)

    objects = UnitQuerySet.as_manager()

    class Meta:
        verbose_name = _("administrative unit")
        verbose_name_plural = _("administrative units")
        ordering = ["system", "level", "code"]
        constraints = [
            models.UniqueConstraint(fields=["system", "level", "code"], name="unit_code_per_system")
        ]
        indexes = [models.Index(fields=["level", "valid_to"])]

    def __str__(self) -> str:
        if self.valid_to:
            return _("%(name)s (until %(day)s)") % {
                "name": self.name,
                "day": self.valid_to.strftime("%d/%m/%Y"),
            }
        return self.name

    def save(self, *args, **kwargs):
        self.name_search = fold(self.name)
        super().save(*args, **kwargs)

    @property
    def is_current(self) -> bool:
        return self.valid_to is None


class UnitSuccession(models.Model):
    """A historic unit and a unit that took over (all or part of) its territory."""

    predecessor = models.ForeignKey(
        AdministrativeUnit, on_delete=models.CASCADE, related_name="successor_links"
    )
    successor = models.ForeignKey(
        AdministrativeUnit, on_delete=models.CASCADE, related_name="predecessor_links"
    )
    partial = models.BooleanField(
        _("partly"), default=False, help_text=_("Only part of the predecessor went to this unit.")
    )
    effective_on = models.DateField(_("effective on"))

    class Meta:
        verbose_name = _("unit succession")
        verbose_name_plural = _("unit successions")
        constraints = [
            models.UniqueConstraint(
                fields=["predecessor", "successor"], name="unit_succession_once"
            )
        ]

    def __str__(self) -> str:
        return f"{self.predecessor.name} → {self.successor.name}"


class UnitContainment(models.Model):
    """``inner`` lies inside ``outer`` (or is it): the closure used to scope records by area.

    Computed by the loader, across both systems: a historic commune lies inside the
    current communes and province that succeeded it, so a record kept under the unit it
    was recorded in is still seen by the agency that covers that ground today.
    """

    outer = models.ForeignKey(AdministrativeUnit, on_delete=models.CASCADE, related_name="+")
    inner = models.ForeignKey(AdministrativeUnit, on_delete=models.CASCADE, related_name="+")

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["outer", "inner"], name="unit_containment_once")
        ]

    def __str__(self) -> str:
        return f"{self.inner_id} ⊂ {self.outer_id}"


class UnitDataset(models.Model):
    """Which release of the unit data is loaded: a second load of the same one is a no-op."""

    package = models.CharField(max_length=60)
    version = models.CharField(max_length=40)
    data_version = models.CharField(max_length=40, blank=True)
    loaded_at = models.DateTimeField(auto_now=True)
    units = models.PositiveIntegerField(default=0)

    def __str__(self) -> str:
        return f"{self.package} {self.version}"

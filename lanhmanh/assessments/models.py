"""Commune "lành mạnh" assessments: the criteria sets and the yearly assessments.

A **criteria set** ("bộ tiêu chí xã, phường lành mạnh không có tệ nạn mại dâm") holds
grouped criteria with their points, the threshold a commune's total must reach, and the
years it applies to. A set without a jurisdiction is the national one; a province may
keep its own, which then applies to its communes instead.

An **assessment** is one commune's for one year: the points and evidence per criterion
(a self-assessment prepared by the commune), the computed total and classification, and
the review by the coordinating office (approved, or returned with a comment). Only
approved assessments count in the figures. An assessment stays under the unit it was made
for: a pre-2025 one under the old commune, which ``scoring.successor_result`` carries
over to the communes that succeeded it.
"""

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from lanhmanh.places.models import AdministrativeUnit, Level

FIRST_YEAR = 2000
LAST_YEAR = 2100
YEAR_VALIDATORS = [MinValueValidator(FIRST_YEAR), MaxValueValidator(LAST_YEAR)]


class CriteriaSet(models.Model):
    name = models.CharField(_("name"), max_length=255)
    jurisdiction = models.ForeignKey(
        AdministrativeUnit,
        verbose_name=_("province"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        limit_choices_to={"level": Level.PROVINCE},
        help_text=_("Empty for the national set; a province's own set replaces it there."),
    )
    first_year = models.PositiveSmallIntegerField(_("from year"), validators=YEAR_VALIDATORS)
    last_year = models.PositiveSmallIntegerField(
        _("to year"),
        null=True,
        blank=True,
        validators=YEAR_VALIDATORS,
        help_text=_("Empty: until another set replaces it."),
    )
    threshold = models.PositiveSmallIntegerField(
        _("threshold (points)"),
        help_text=_(
            "A commune is classified “lành mạnh” when its total reaches this and it meets "
            "every mandatory criterion in full."
        ),
    )
    healthy_label = models.CharField(
        _("classification when met"), max_length=120, default="Lành mạnh"
    )
    not_healthy_label = models.CharField(
        _("classification when not met"), max_length=120, default="Chưa đạt"
    )
    basis = models.TextField(_("legal basis and notes"), blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("criteria set")
        verbose_name_plural = _("criteria sets")
        ordering = ["-first_year", "pk"]

    def __str__(self) -> str:
        return self.name

    @property
    def years_label(self) -> str:
        if self.last_year is None:
            return _("from %(first)s") % {"first": self.first_year}
        if self.last_year == self.first_year:
            return str(self.first_year)
        return f"{self.first_year}–{self.last_year}"

    def covers(self, year: int) -> bool:
        return self.first_year <= year and (self.last_year is None or year <= self.last_year)


class Criterion(models.Model):
    criteria_set = models.ForeignKey(CriteriaSet, on_delete=models.CASCADE, related_name="criteria")
    group = models.CharField(_("group"), max_length=200)
    code = models.CharField(
        pgettext_lazy("criterion", "number"), max_length=12, help_text=_("For example 1.2")
    )
    text = models.TextField(_("criterion"))
    max_points = models.PositiveSmallIntegerField(
        _("points"), validators=[MinValueValidator(1), MaxValueValidator(1000)]
    )
    mandatory = models.BooleanField(
        _("mandatory"),
        default=False,
        help_text=_("A commune that does not earn its full points is not “lành mạnh”."),
    )
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        verbose_name = _("criterion")
        verbose_name_plural = _("criteria")
        ordering = ["criteria_set_id", "order", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["criteria_set", "code"], name="criterion_code_once")
        ]

    def __str__(self) -> str:
        return f"{self.code}. {self.text[:80]}"


class Status(models.TextChoices):
    DRAFT = "draft", pgettext_lazy("assessment status", "Draft")
    SUBMITTED = "submitted", pgettext_lazy("assessment status", "Submitted")
    RETURNED = "returned", pgettext_lazy("assessment status", "Returned")
    APPROVED = "approved", pgettext_lazy("assessment status", "Approved")


# Statuses in which the commune may still change its scores and evidence.
EDITABLE = frozenset({Status.DRAFT, Status.RETURNED})


class Assessment(models.Model):
    commune = models.ForeignKey(
        AdministrativeUnit,
        verbose_name=_("commune"),
        on_delete=models.PROTECT,
        related_name="assessments",
        limit_choices_to={"level": Level.COMMUNE},
    )
    year = models.PositiveSmallIntegerField(_("year"), validators=YEAR_VALIDATORS)
    criteria_set = models.ForeignKey(
        CriteriaSet,
        verbose_name=_("criteria set"),
        on_delete=models.PROTECT,
        related_name="assessments",
    )
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.DRAFT
    )
    total = models.PositiveSmallIntegerField(_("total points"), default=0)
    healthy = models.BooleanField(_("healthy (lành mạnh)"), default=False)
    summary = models.TextField(_("summary"), blank=True)
    review_comment = models.TextField(_("review comment"), blank=True)
    submitted_at = models.DateTimeField(_("submitted"), null=True, blank=True)
    reviewed_at = models.DateTimeField(_("reviewed"), null=True, blank=True)
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("reviewed by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("commune assessment")
        verbose_name_plural = _("commune assessments")
        ordering = ["-year", "commune_id"]
        constraints = [
            models.UniqueConstraint(fields=["commune", "year"], name="assessment_once_a_year")
        ]
        indexes = [models.Index(fields=["year", "status"])]

    def __str__(self) -> str:
        return f"{self.commune.name} {self.year}"

    @property
    def is_editable(self) -> bool:
        return self.status in EDITABLE

    @property
    def classification(self) -> str:
        cs = self.criteria_set
        return cs.healthy_label if self.healthy else cs.not_healthy_label


class AssessmentScore(models.Model):
    assessment = models.ForeignKey(Assessment, on_delete=models.CASCADE, related_name="scores")
    criterion = models.ForeignKey(Criterion, on_delete=models.PROTECT, related_name="+")
    points = models.PositiveSmallIntegerField(_("points"), null=True, blank=True)
    evidence = models.TextField(_("evidence"), blank=True)

    class Meta:
        verbose_name = _("score")
        verbose_name_plural = _("scores")
        ordering = ["assessment_id", "criterion__order", "criterion_id"]
        constraints = [
            models.UniqueConstraint(fields=["assessment", "criterion"], name="score_once")
        ]

    def __str__(self) -> str:
        return f"{self.assessment_id}/{self.criterion_id}: {self.points}"


class AssessmentAttachment(models.Model):
    """A document of evidence (minutes, decisions, photos). Served only through the
    assessment's own access check, never as a public media file."""

    assessment = models.ForeignKey(Assessment, on_delete=models.CASCADE, related_name="attachments")
    file = models.FileField(upload_to="assessments/%Y/")
    name = models.CharField(_("file name"), max_length=255)
    size = models.PositiveIntegerField(default=0)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    uploaded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("attachment")
        verbose_name_plural = _("attachments")
        ordering = ["assessment", "uploaded_at", "pk"]

    def __str__(self) -> str:
        return self.name


class AssessmentEvent(models.Model):
    """The assessment's history: who did what, when, with the reviewer's comment."""

    class Action(models.TextChoices):
        CREATED = "created", pgettext_lazy("assessment event", "created")
        SAVED = "saved", pgettext_lazy("assessment event", "saved")
        ATTACHED = "attached", pgettext_lazy("assessment event", "attached a file")
        SUBMITTED = "submitted", pgettext_lazy("assessment event", "submitted for review")
        APPROVED = "approved", pgettext_lazy("assessment event", "approved")
        RETURNED = "returned", pgettext_lazy("assessment event", "returned for corrections")
        REOPENED = "reopened", pgettext_lazy("assessment event", "reopened")

    assessment = models.ForeignKey(Assessment, on_delete=models.CASCADE, related_name="events")
    action = models.CharField(_("action"), max_length=10, choices=Action.choices)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    at = models.DateTimeField(_("when"), auto_now_add=True)
    comment = models.TextField(_("comment"), blank=True)
    total = models.PositiveSmallIntegerField(_("total points"), null=True, blank=True)

    class Meta:
        verbose_name = _("history entry")
        verbose_name_plural = _("history")
        ordering = ["assessment_id", "at", "pk"]

    def __str__(self) -> str:
        return f"{self.assessment_id} {self.action}"

"""The programme's own activities: communication, training, printed and media items,
supervision visits, lower units' plans, and the community models a locality runs.

An ``Activity`` is one thing done on a day (or over a few days) by an organiser agency and
kept under the unit it was done in (a commune or ward, or the province for a
province-wide activity); the communes it reached are listed (``communes``: a commune
activity always lists its own commune). Its ``kind`` says which of the optional fields
matter: participants for events and courses, ``medium`` and ``quantity`` for printed
and media items, ``visited`` for a supervision visit, ``document_number`` for a lower
unit's plan. A ``CommunityModel`` lasts: it starts, runs, is reviewed and may stop.

Nothing here identifies a person: participants are counts.
"""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

from lanhmanh.agencies.models import Agency
from lanhmanh.places.models import AdministrativeUnit, Level
from lanhmanh.text import fold


class ActivityKind(models.TextChoices):
    CONFERENCE = "conference", _("Conference or seminar")
    TALK = "talk", _("Talk")
    TRAINING = "training", _("Training course")
    CAMPAIGN = "campaign", _("Campaign day")
    OUTREACH = "outreach", _("Outreach session")
    MEDIA = "media", _("Broadcast, article or online post")
    PRINTED = "printed", _("Leaflets, panels or posters")
    SUPERVISION = "supervision", _("Supervision visit")
    UNIT_PLAN = "unit_plan", _("Plan issued by a unit")


K = ActivityKind
# The groups the figures count (and the list filters by, ``?kind=<group>``).
EVENTS = (K.CONFERENCE, K.TALK, K.CAMPAIGN, K.OUTREACH)
COMMUNICATION = (*EVENTS, K.TRAINING, K.MEDIA, K.PRINTED)
GROUPS: dict[str, tuple[str, ...]] = {"events": EVENTS, "communication": COMMUNICATION}
# Kinds whose participants are counted; the others reach people in other ways.
WITH_PARTICIPANTS = frozenset({*EVENTS, K.TRAINING})


class Medium(models.TextChoices):
    LEAFLET = "leaflet", _("Leaflets")
    BOOKLET = "booklet", _("Booklets")
    POSTER = "poster", _("Posters")
    PANEL = "panel", _("Panels")
    BANNER = "banner", _("Banners")
    BROADCAST = "broadcast", _("Radio or television broadcast")
    ARTICLE = "article", _("Newspaper article")
    ONLINE = "online", _("Online post")
    LOUDSPEAKER = "loudspeaker", _("Commune loudspeaker")


PRINTED_MEDIA = frozenset(
    {Medium.LEAFLET, Medium.BOOKLET, Medium.POSTER, Medium.PANEL, Medium.BANNER}
)
MEDIA_MEDIA = frozenset({Medium.BROADCAST, Medium.ARTICLE, Medium.ONLINE, Medium.LOUDSPEAKER})


# The media the figures add up (and the list filters by, ``?medium=<group>``).
MEDIUM_GROUPS: dict[str, tuple[str, ...]] = {
    "leaflets": (Medium.LEAFLET, Medium.BOOKLET),
    "panels": (Medium.POSTER, Medium.PANEL, Medium.BANNER),
}


class Audience(models.TextChoices):
    OFFICIALS = "officials", _("Officials and staff")
    ESTABLISHMENT_WORKERS = "establishment_workers", _("Workers at establishments")
    INDUSTRIAL_WORKERS = "industrial_workers", _("Industrial-zone workers")
    STUDENTS = "students", _("Students")
    COMMUNITY = "community", _("Community")
    SELLING_SEX = "selling_sex", _("People who sell sex")


class ModelKind(models.TextChoices):
    CLUB = "club", _("Club")
    PEER_GROUP = "peer_group", _("Peer or self-help group")
    COUNSELLING = "counselling", _("Counselling point")
    COMMUNITY_SUPPORT = "community_support", _("Community-based support")
    HEALTHY_AREA = "healthy_area", _("Healthy residential area")
    OTHER = "other", _("Other")


class ModelStatus(models.TextChoices):
    ACTIVE = "active", _("Running")
    STOPPED = "stopped", _("Stopped")


def _check_place(record, errors: dict) -> None:
    """A record is kept under a commune or a province; the communes it lists are communes
    inside that unit (a province's record, any of its communes)."""
    if record.unit_id and record.unit.level not in (Level.COMMUNE, Level.PROVINCE):
        errors["unit"] = _("Choose a commune, ward or province.")


class Placed(models.Model):
    """What activities and community models share: organiser, place, audience, search."""

    unit = models.ForeignKey(
        AdministrativeUnit,
        verbose_name=_("held in"),
        on_delete=models.PROTECT,
        related_name="+",
        help_text=_("The commune or ward, or the province for a province-wide activity."),
    )
    communes = models.ManyToManyField(
        AdministrativeUnit,
        verbose_name=_("communes reached"),
        blank=True,
        related_name="+",
        limit_choices_to={"level": Level.COMMUNE},
    )
    organiser = models.ForeignKey(
        Agency, verbose_name=_("organiser"), on_delete=models.PROTECT, related_name="+"
    )
    audience = models.CharField(_("audience"), max_length=24, choices=Audience.choices, blank=True)
    description = models.TextField(_("description"), blank=True)
    search = models.CharField(max_length=700, editable=False, db_index=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        abstract = True

    def save(self, *args, **kwargs):
        self.search = fold(" ".join([self.title_text(), self.description]))[:700]
        super().save(*args, **kwargs)

    def title_text(self) -> str:
        raise NotImplementedError


class Activity(Placed):
    kind = models.CharField(_("kind"), max_length=16, choices=ActivityKind.choices)
    title = models.CharField(_("title"), max_length=255)
    held_on = models.DateField(_("date"))
    ends_on = models.DateField(_("until"), null=True, blank=True)
    participants = models.PositiveIntegerField(_("participants"), null=True, blank=True)
    women = models.PositiveIntegerField(_("of whom women"), null=True, blank=True)
    men = models.PositiveIntegerField(_("of whom men"), null=True, blank=True)
    medium = models.CharField(_("medium"), max_length=16, choices=Medium.choices, blank=True)
    quantity = models.PositiveIntegerField(
        _("quantity"),
        null=True,
        blank=True,
        help_text=_("Copies printed, panels put up, broadcasts aired."),
    )
    visited = models.ForeignKey(
        Agency,
        verbose_name=_("unit visited"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        help_text=_("The lower unit the supervision visit went to."),
    )
    document_number = models.CharField(
        _("document number"),
        max_length=60,
        blank=True,
        help_text=_("The number of the plan the unit issued, e.g. 45/KH-UBND."),
    )

    class Meta:
        verbose_name = _("activity")
        verbose_name_plural = _("activities")
        ordering = ["-held_on", "-pk"]
        indexes = [
            models.Index(fields=["kind", "held_on"]),
            models.Index(fields=["unit", "held_on"]),
        ]

    def __str__(self) -> str:
        return self.title

    def title_text(self) -> str:
        return " ".join([self.title, self.document_number])

    def clean(self):
        errors: dict = {}
        _check_place(self, errors)
        if self.ends_on and self.held_on and self.ends_on < self.held_on:
            errors["ends_on"] = _("The activity cannot end before it begins.")
        if self.participants is not None:
            if (self.women or 0) + (self.men or 0) > self.participants:
                errors["women"] = _("Women and men together exceed the participants.")
        elif self.women is not None or self.men is not None:
            errors["participants"] = _("Give the total of participants too.")
        if self.kind == K.PRINTED:
            if self.medium not in PRINTED_MEDIA:
                errors["medium"] = _("Say what was printed or put up.")
            if not self.quantity:
                errors["quantity"] = _("Give the quantity.")
        elif self.kind == K.MEDIA:
            if self.medium not in MEDIA_MEDIA:
                errors["medium"] = _("Say how it was published.")
        elif self.medium:
            errors["medium"] = _("Only printed and media items have a medium.")
        if self.kind == K.SUPERVISION and self.visited_id is None:
            errors["visited"] = _("Name the unit visited.")
        if self.kind == K.UNIT_PLAN and not self.document_number.strip():
            errors["document_number"] = _("Give the number of the plan.")
        if errors:
            raise ValidationError(errors)


class CommunityModel(Placed):
    """A model run in the community ("mô hình"): a club, a peer group, a counselling
    point… It is built on ``started_on`` and runs until ``stopped_on``."""

    name = models.CharField(_("name"), max_length=255)
    kind = models.CharField(_("kind"), max_length=20, choices=ModelKind.choices)
    started_on = models.DateField(_("started on"))
    stopped_on = models.DateField(_("stopped on"), null=True, blank=True)
    reviewed_on = models.DateField(_("last reviewed on"), null=True, blank=True)
    review = models.TextField(_("review"), blank=True, help_text=_("What the last review found."))

    class Meta:
        verbose_name = _("community model")
        verbose_name_plural = _("community models")
        ordering = ["-started_on", "-pk"]

    def __str__(self) -> str:
        return self.name

    def title_text(self) -> str:
        return self.name

    @property
    def status(self) -> str:
        return ModelStatus.STOPPED if self.stopped_on else ModelStatus.ACTIVE

    def get_status_display(self) -> str:
        return ModelStatus(self.status).label

    def clean(self):
        errors: dict = {}
        _check_place(self, errors)
        if self.stopped_on and self.started_on and self.stopped_on < self.started_on:
            errors["stopped_on"] = _("A model cannot stop before it starts.")
        if self.reviewed_on and self.started_on and self.reviewed_on < self.started_on:
            errors["reviewed_on"] = _("A model cannot be reviewed before it starts.")
        if errors:
            raise ValidationError(errors)


class Attachment(models.Model):
    """A document joined to a record (minutes, photos, the plan itself). Served only
    through the record's own access check, never as a public media file."""

    name = models.CharField(_("file name"), max_length=255)
    size = models.PositiveIntegerField(default=0)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    uploaded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        abstract = True
        verbose_name = _("attachment")
        verbose_name_plural = _("attachments")

    def __str__(self) -> str:
        return self.name


class ActivityAttachment(Attachment):
    activity = models.ForeignKey(Activity, on_delete=models.CASCADE, related_name="attachments")
    file = models.FileField(upload_to="activities/%Y/")

    class Meta(Attachment.Meta):
        ordering = ["activity", "uploaded_at"]


class ModelAttachment(Attachment):
    """A document of a community model: its founding decision, a review's minutes."""

    model = models.ForeignKey(CommunityModel, on_delete=models.CASCADE, related_name="attachments")
    file = models.FileField(upload_to="activities/models/%Y/")

    class Meta(Attachment.Meta):
        ordering = ["model", "uploaded_at"]

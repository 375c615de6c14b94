"""What happened to records, and who looked at whose identity.

Both tables are append-only: the application writes rows through ``actions.py`` and nothing
updates or deletes them (the admin shows them read-only), so a history cannot be tidied up
after the fact.
"""

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


class AppendOnly(models.Model):
    class Meta:
        abstract = True

    def save(self, *args, **kwargs):
        if self.pk is not None:
            raise ValueError("audit rows are never changed")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise ValueError("audit rows are never deleted")


class ChangeAction(models.TextChoices):
    # A context of their own: the project's catalogue, which takes precedence, has
    # "created" as a date column.
    CREATED = "created", pgettext_lazy("change", "created")
    UPDATED = "updated", pgettext_lazy("change", "updated")
    DELETED = "deleted", pgettext_lazy("change", "deleted")


class Change(AppendOnly):
    """One change to one record: the fields that changed, from what to what."""

    content_type = models.ForeignKey(ContentType, on_delete=models.PROTECT, related_name="+")
    object_id = models.PositiveBigIntegerField()
    action = models.CharField(_("action"), max_length=10, choices=ChangeAction.choices)
    # {field name: [before, after]} in plain JSON values (dates as ISO strings)
    fields = models.JSONField(_("changed fields"), default=dict)
    note = models.CharField(_("note"), max_length=500, blank=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("by"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    at = models.DateTimeField(_("at"), auto_now_add=True)

    class Meta:
        verbose_name = _("change")
        verbose_name_plural = _("changes")
        ordering = ["-at", "-pk"]
        indexes = [models.Index(fields=["content_type", "object_id", "-at"])]

    def __str__(self) -> str:
        return f"{self.content_type.model}#{self.object_id} {self.action}"


class AccessLog(AppendOnly):
    """A read of a person's identity: who, when, which person (by pseudonymous code), why."""

    class Access(models.TextChoices):
        VIEW = "view", _("viewed the identity")
        BREAK_GLASS = "break_glass", _("break-glass access")
        EXPORT = "export", _("exported the identity")
        SEARCH = "search", _("searched by identity")

    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("who"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    at = models.DateTimeField(_("when"), auto_now_add=True)
    subject = models.CharField(_("person (code)"), max_length=40, db_index=True)
    access = models.CharField(_("access"), max_length=12, choices=Access.choices)
    reason = models.CharField(_("reason"), max_length=500, blank=True)

    class Meta:
        verbose_name = _("identity access")
        verbose_name_plural = _("identity access log")
        ordering = ["-at", "-pk"]

    def __str__(self) -> str:
        return f"{self.subject} {self.access} {self.at:%d/%m/%Y %H:%M}"

from django.contrib import admin
from django.http import HttpResponse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from lanhmanh.admin_base import ReadOnlyAdmin
from lanhmanh.tables import csv_bytes

from .models import AccessLog, Change

# Administrators review the audit tables; nobody edits them from the UI.


@admin.register(Change)
class ChangeAdmin(ReadOnlyAdmin):
    list_display = ["at", "content_type", "object_id", "action", "actor"]
    list_filter = ["action", "content_type"]
    date_hierarchy = "at"


@admin.register(AccessLog)
class AccessLogAdmin(ReadOnlyAdmin):
    list_display = ["at", "actor", "subject", "access", "reason"]
    list_filter = ["access"]
    search_fields = ["subject", "actor__username"]
    date_hierarchy = "at"
    actions = ["export_csv"]

    @admin.action(description=_("Export the selected rows as CSV"))
    def export_csv(self, request, queryset):
        stamp = timezone.localtime().strftime("%Y%m%d-%H%M")
        rows = (
            [
                timezone.localtime(row.at).strftime("%d/%m/%Y %H:%M:%S"),
                row.actor.username if row.actor else "",
                row.subject,
                row.get_access_display(),
                row.reason,
            ]
            for row in queryset.select_related("actor")
        )
        response = HttpResponse(
            csv_bytes([_("when"), _("who"), _("person (code)"), _("access"), _("reason")], rows),
            content_type="text/csv; charset=utf-8",
        )
        response["Content-Disposition"] = f'attachment; filename="identity-access-{stamp}.csv"'
        return response

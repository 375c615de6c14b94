from django.contrib import admin

from lanhmanh.admin_base import ReadOnlyAdmin, ReadOnlyInline

from .models import SenderContactView, Tip, TipEvent


class TipEventInline(ReadOnlyInline):
    model = TipEvent
    fields = ["at", "user", "action", "from_status", "to_status", "agency", "comment"]
    readonly_fields = fields


@admin.register(Tip)
class TipAdmin(ReadOnlyAdmin):
    # Tips move through the application (tips.actions), which checks who may and keeps
    # the tip's history. The sender's contact is not shown here: it is read only on the
    # tip's page, by the handling agency, and every read is logged.
    list_display = ["reference", "received_at", "category", "commune", "status", "deadline"]
    list_filter = ["status", "category", "channel", "outcome"]
    search_fields = ["reference"]
    raw_id_fields = ["commune", "assigned_agency", "created_by"]
    exclude = ["sender_contact", "content_search"]
    readonly_fields = ["reference", "created_at"]
    inlines = [TipEventInline]
    list_select_related = ["commune"]


@admin.register(SenderContactView)
class SenderContactViewAdmin(ReadOnlyAdmin):
    list_display = ["at", "tip", "user", "reason"]
    readonly_fields = ["tip", "user", "at", "reason"]

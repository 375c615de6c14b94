from django.contrib import admin

from .models import SenderContactView, Tip, TipEvent


class TipEventInline(admin.TabularInline):
    model = TipEvent
    extra = 0
    fields = ["at", "user", "action", "from_status", "to_status", "agency", "comment"]
    readonly_fields = fields
    can_delete = False


@admin.register(Tip)
class TipAdmin(admin.ModelAdmin):
    # The sender's contact is neither listed nor editable here: it is read only on the
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
class SenderContactViewAdmin(admin.ModelAdmin):
    list_display = ["at", "tip", "user", "reason"]
    raw_id_fields = ["tip", "user"]
    readonly_fields = ["tip", "user", "at", "reason"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

from django.contrib import admin

from lanhmanh.admin_search import FoldedSearchMixin

from .models import Hotspot, HotspotCheck, HotspotStatusChange


class StatusChangeInline(admin.TabularInline):
    model = HotspotStatusChange
    extra = 0
    fields = ["on", "from_status", "to_status", "note", "by"]
    readonly_fields = fields
    can_delete = False

    def has_add_permission(self, request, obj=None):
        return False  # the status moves through the application, which checks the path


class CheckInline(admin.TabularInline):
    model = HotspotCheck
    extra = 0
    fields = ["on", "agency", "found_activity", "note", "by"]
    raw_id_fields = ["agency", "by"]


@admin.register(Hotspot)
class HotspotAdmin(FoldedSearchMixin, admin.ModelAdmin):
    folded_search_field = "search"
    list_display = ["name", "commune", "kind", "status", "status_since"]
    list_filter = ["status", "kind"]
    search_fields = ["name"]
    raw_id_fields = ["commune", "created_by"]
    readonly_fields = ["status", "status_since", "created_at", "updated_at"]
    list_select_related = ["commune"]
    inlines = [StatusChangeInline, CheckInline]

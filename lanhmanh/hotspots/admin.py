from django.contrib import admin

from lanhmanh.admin_base import ReadOnlyAdmin, ReadOnlyInline
from lanhmanh.admin_search import FoldedSearchMixin

from .models import Hotspot, HotspotCheck, HotspotStatusChange


class StatusChangeInline(ReadOnlyInline):
    model = HotspotStatusChange
    fields = ["on", "from_status", "to_status", "note", "by"]
    readonly_fields = fields


class CheckInline(ReadOnlyInline):
    model = HotspotCheck
    fields = ["on", "agency", "found_activity", "note", "by"]
    readonly_fields = fields


@admin.register(Hotspot)
class HotspotAdmin(FoldedSearchMixin, ReadOnlyAdmin):
    # Hotspots, their checks and status move through the application (hotspots.actions).

    folded_search_field = "search"
    list_display = ["name", "commune", "kind", "status", "status_since"]
    list_filter = ["status", "kind"]
    search_fields = ["name"]
    readonly_fields = ["status", "status_since", "created_at", "updated_at"]
    list_select_related = ["commune"]
    inlines = [StatusChangeInline, CheckInline]

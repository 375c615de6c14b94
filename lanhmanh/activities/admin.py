from django.contrib import admin

from lanhmanh.admin_base import ReadOnlyAdmin, ReadOnlyInline
from lanhmanh.admin_search import FoldedSearchMixin

from .models import Activity, ActivityAttachment, CommunityModel


class AttachmentInline(ReadOnlyInline):
    model = ActivityAttachment
    fields = ["name", "size", "uploaded_by", "uploaded_at"]
    readonly_fields = fields


@admin.register(Activity)
class ActivityAdmin(FoldedSearchMixin, ReadOnlyAdmin):
    # Activities are recorded and corrected through the application (activities.actions).

    folded_search_field = "search"
    list_display = ["title", "kind", "held_on", "unit", "organiser"]
    list_filter = ["kind", "audience"]
    search_fields = ["title"]
    list_select_related = ["unit", "organiser"]
    inlines = [AttachmentInline]


@admin.register(CommunityModel)
class CommunityModelAdmin(FoldedSearchMixin, ReadOnlyAdmin):
    folded_search_field = "search"
    list_display = ["name", "kind", "started_on", "stopped_on", "unit", "organiser"]
    list_filter = ["kind"]
    search_fields = ["name"]
    list_select_related = ["unit", "organiser"]

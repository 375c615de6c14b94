from django.contrib import admin

from .models import Sanction


@admin.register(Sanction)
class SanctionAdmin(admin.ModelAdmin):
    list_display = ["decision_number", "decided_on", "subject", "behaviour", "form", "amount"]
    list_filter = ["behaviour", "form", "subject"]
    search_fields = ["decision_number"]
    raw_id_fields = [
        "establishment",
        "commune",
        "issuing_agency",
        "recording_agency",
        "violation",
        "created_by",
    ]
    readonly_fields = ["version", "created_at", "updated_at"]

    # Decisions change through the application, which checks the fine ranges and keeps
    # their history; the admin only shows them.
    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

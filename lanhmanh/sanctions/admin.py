from django.contrib import admin

from lanhmanh.admin_base import ReadOnlyAdmin

from .models import Sanction


@admin.register(Sanction)
class SanctionAdmin(ReadOnlyAdmin):
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

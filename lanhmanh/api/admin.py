from django.contrib import admin

from lanhmanh.admin_base import ReadOnlyAdmin

from .models import ApiToken


@admin.register(ApiToken)
class ApiTokenAdmin(ReadOnlyAdmin):
    # Tokens are issued and revoked by `lanhmanh create-token`/`revoke-token` or the
    # account page (api.actions); the admin lists them.
    list_display = ["prefix", "user", "name", "created_at", "last_used_at", "revoked_at"]
    list_filter = ["revoked_at"]
    exclude = ["digest"]
    list_select_related = ["user"]

from django.contrib import admin

from lanhmanh.admin_search import FoldedSearchMixin

from .models import Agency, Membership


class MembershipInline(admin.TabularInline):
    model = Membership
    extra = 0
    raw_id_fields = ["user"]


@admin.register(Agency)
class AgencyAdmin(FoldedSearchMixin, admin.ModelAdmin):
    list_display = ["name", "short_name", "kind", "jurisdiction", "valid_to", "successor"]
    list_filter = ["kind"]
    search_fields = ["name", "short_name"]
    raw_id_fields = ["jurisdiction", "parent", "successor"]
    list_select_related = ["jurisdiction", "successor"]
    inlines = [MembershipInline]


@admin.register(Membership)
class MembershipAdmin(admin.ModelAdmin):
    list_display = ["user", "agency", "role", "created_at"]
    list_filter = ["role"]
    raw_id_fields = ["user", "agency"]
    list_select_related = ["user", "agency"]

from django.contrib import admin
from django.contrib.auth import get_user_model
from django.contrib.auth.admin import UserAdmin
from django.utils.translation import gettext_lazy as _

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


class UserMembershipInline(admin.TabularInline):
    model = Membership
    extra = 1
    raw_id_fields = ["agency"]
    verbose_name = _("agency and role")
    verbose_name_plural = _("agencies and roles")


User = get_user_model()
admin.site.unregister(User)


@admin.register(User)
class UserWithMembershipsAdmin(UserAdmin):
    """Django's user admin, with the user's agencies and roles on the same page."""

    inlines = [UserMembershipInline]

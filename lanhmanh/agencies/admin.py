"""Agencies, users and memberships in the Django admin.

Users and memberships change here only through ``agencies.actions`` (create, change,
deactivate a user, set a password, grant or revoke a membership), with the administrator
as the acting user: each change asks the permission door and writes one audit row. A
membership is granted or revoked, never edited in place; a user is deactivated, never
deleted (their history stays theirs).
"""

import copy

from django.contrib import admin, messages
from django.contrib.auth import get_user_model
from django.contrib.auth.admin import UserAdmin
from django.contrib.auth.models import Group
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from lanhmanh.admin_base import ReadOnlyInline
from lanhmanh.admin_search import FoldedSearchMixin

from . import actions
from .models import Agency, Membership


class MembershipInline(ReadOnlyInline):
    """The agency's members, to look at: they are granted on the user's page."""

    model = Membership
    fields = ["user", "role", "created_at"]
    readonly_fields = fields


@admin.register(Agency)
class AgencyAdmin(FoldedSearchMixin, admin.ModelAdmin):
    list_display = ["name", "short_name", "kind", "jurisdiction", "valid_to", "successor"]
    list_filter = ["kind"]
    search_fields = ["name", "short_name"]
    raw_id_fields = ["jurisdiction", "parent", "successor"]
    list_select_related = ["jurisdiction", "successor"]
    inlines = [MembershipInline]


def _take_over(obj, saved) -> None:
    """Make the admin's unsaved ``obj`` the record the action saved (for its redirect and
    its own log)."""
    obj.pk = saved.pk
    obj._state.adding = False
    obj._state.db = saved._state.db


@admin.register(Membership)
class MembershipAdmin(admin.ModelAdmin):
    list_display = ["user", "agency", "role", "created_at"]
    list_filter = ["role"]
    raw_id_fields = ["user", "agency"]
    list_select_related = ["user", "agency"]

    def has_change_permission(self, request, obj=None):
        return False  # granted or revoked, never edited in place

    def save_model(self, request, obj, form, change):
        granted = actions.grant_membership(obj.user, obj.agency, obj.role, acting_user=request.user)
        _take_over(obj, granted)

    def delete_model(self, request, obj):
        actions.revoke_membership(obj, acting_user=request.user)

    def delete_queryset(self, request, queryset):
        for membership in queryset.select_related("agency", "user"):
            actions.revoke_membership(membership, acting_user=request.user)


class UserMembershipInline(admin.TabularInline):
    """Memberships on the user's page: new rows are granted, ticked rows revoked
    (``UserWithMembershipsAdmin.save_formset``); an existing row is not edited."""

    model = Membership
    extra = 1
    raw_id_fields = ["agency"]
    verbose_name = _("agency and role")
    verbose_name_plural = _("agencies and roles")

    def has_change_permission(self, request, obj=None):
        return False


User = get_user_model()
admin.site.unregister(User)
# Roles are memberships of agencies (agencies.roles, the permission door): Django's groups
# and permissions are not used, and not offered.
admin.site.unregister(Group)


@admin.register(User)
class UserWithMembershipsAdmin(UserAdmin):
    """Django's user admin, with the user's agencies and roles on the same page, every
    change made by ``agencies.actions``."""

    inlines = [UserMembershipInline]
    fieldsets = (
        (None, {"fields": ("username", "password")}),
        (_("Personal info"), {"fields": ("first_name", "last_name", "email")}),
        (_("Permissions"), {"fields": ("is_active", "is_staff", "is_superuser")}),
        (_("Important dates"), {"fields": ("last_login", "date_joined")}),
    )
    readonly_fields = ["last_login", "date_joined"]
    list_filter = ["is_staff", "is_superuser", "is_active"]
    actions = ["deactivate"]

    def has_delete_permission(self, request, obj=None):
        return False  # deactivated, never deleted

    def save_model(self, request, obj, form, change):
        if not change:
            password = (
                form.cleaned_data.get("password1")
                if form.cleaned_data.get("set_usable_password", True)
                else None
            )
            created = actions.create_user(
                username=obj.username,
                password=password,
                acting_user=request.user,
                **{name: getattr(obj, name) for name in actions.USER_FIELDS[1:]},
            )
            _take_over(obj, created)
            return
        changed = {
            name: form.cleaned_data[name]
            for name in form.changed_data
            if name in actions.USER_FIELDS
        }
        # The form already set the new values on ``obj``; the action starts from the
        # stored ones so that the audit row has both.
        stored = User.objects.get(pk=obj.pk)
        if changed:
            actions.change_user(stored, acting_user=request.user, **changed)

    def save_formset(self, request, form, formset, change):
        if formset.model is not Membership:
            return super().save_formset(request, form, formset, change)
        formset.save(commit=False)
        for membership in formset.deleted_objects:
            actions.revoke_membership(membership, acting_user=request.user)
        for membership in formset.new_objects:
            granted = actions.grant_membership(
                form.instance, membership.agency, membership.role, acting_user=request.user
            )
            _take_over(membership, granted)

    def user_change_password(self, request, id, form_url=""):
        acting_user = request.user

        class ThroughTheAction(self.change_password_form):
            def save(self, commit=True):
                usable = self.cleaned_data.get("set_usable_password", True)
                password = self.cleaned_data["password1"] if usable else None
                return actions.set_password(self.user, password, acting_user=acting_user)

        # A copy of this admin for this request alone: the shared one is not changed.
        admin_for_request = copy.copy(self)
        admin_for_request.change_password_form = ThroughTheAction
        return UserAdmin.user_change_password(admin_for_request, request, id, form_url)

    @admin.action(description=_("Deactivate the selected users"))
    def deactivate(self, request, queryset):
        done = 0
        for user in queryset.filter(is_active=True):
            try:
                actions.deactivate_user(user, acting_user=request.user)
            except (PermissionDenied, ValidationError):
                continue
            done += 1
        self.message_user(
            request,
            ngettext("%(n)d user deactivated.", "%(n)d users deactivated.", done) % {"n": done},
            messages.SUCCESS,
        )

"""The one base of every register's page in the Django admin: read-only.

The admin is a technical tool, not a side door into the registers (DESIGN.md,
"Permissions: one door"): tips, sanctions, inspections, establishments, hotspots, plans,
reports and assessments change only through their apps' actions, which ask the permission
door and write their history. Here they can be looked at, never added, changed or deleted
— by anyone, superusers included.

Neither a read-only page nor any other admin page shows a field that holds an identity or
a contact (``hidden_field``): the encrypted ``*_enc`` values, the keyed ``*_hash`` values,
a tip sender's ``sender_contact``, and the folded search texts derived from them. People
(the support register) are not in the admin at all.
"""

from __future__ import annotations

import re

from django.contrib import admin

_HIDDEN = re.compile(r"(_enc|_hash|_search|^search|^sender_contact)$")


def hidden_field(name: str) -> bool:
    """Whether the admin must never show the field ``name``."""
    return bool(_HIDDEN.search(name))


class ReadOnlyMixin:
    """No add, change or delete permission for anyone; identities never shown."""

    def has_add_permission(self, request, *args) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False

    def has_delete_permission(self, request, obj=None) -> bool:
        return False

    def get_fields(self, request, obj=None):
        return [name for name in super().get_fields(request, obj) if not hidden_field(name)]

    def get_readonly_fields(self, request, obj=None):
        return [
            name
            for name in super().get_readonly_fields(request, obj)
            if not (isinstance(name, str) and hidden_field(name))
        ]


class ReadOnlyAdmin(ReadOnlyMixin, admin.ModelAdmin):
    pass


class ReadOnlyInline(ReadOnlyMixin, admin.TabularInline):
    extra = 0
    can_delete = False

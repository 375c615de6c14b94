"""A text column encrypted at rest (``lanhmanh.crypto``), for free-text case notes.

The application reads and writes plain text; the database holds only tokens (DESIGN.md,
people's data, rule 1). Encryption happens whenever the value goes to the database
(``save``, ``bulk_create``, ``update``, COPY through ``get_db_prep_save``), decryption
when it comes back. A token no key opens reads as "" (never the token itself). Such a
column cannot be searched or compared in SQL: a filter on it matches nothing.

Key rotation reads and writes the raw tokens (``raw_tokens``, ``write_token``).
"""

from __future__ import annotations

from django.db import models
from django.db.models.functions import Cast

from lanhmanh import crypto


class EncryptedTextField(models.TextField):
    def from_db_value(self, value, expression, connection):
        if not value:
            return value if value is not None else ""
        return crypto.decrypt(value) or ""

    def get_prep_value(self, value):
        value = super().get_prep_value(value)
        if value is None or value == "":
            return value
        return crypto.encrypt(str(value))


def encrypted_fields(model) -> list[str]:
    return [f.name for f in model._meta.concrete_fields if isinstance(f, EncryptedTextField)]


def raw_tokens(queryset, name: str):
    """(pk, token) of the non-empty values of ``name``, as stored."""
    return (
        queryset.annotate(_raw=Cast(name, output_field=models.TextField()))
        .exclude(_raw="")
        .exclude(_raw__isnull=True)
        .values_list("pk", "_raw")
    )


def write_token(model, pk, name: str, token: str) -> None:
    """Store ``token`` as it is (already encrypted) in ``name`` of record ``pk``."""
    model._default_manager.filter(pk=pk).update(
        **{name: models.Value(token, output_field=models.TextField())}
    )

"""Key rotation: re-encrypt every encrypted field and recompute every keyed hash under
a new data key, in one transaction (``lanhmanh rotate-key``).

Covers the people's identities, the free-text case notes (``fields.EncryptedTextField``),
the identities kept on sanction decisions and the tip senders' contacts (old "f1:" tokens
derived from SECRET_KEY are moved under the data keys on the way).
"""

from __future__ import annotations

from dataclasses import dataclass

from django.db import transaction

from lanhmanh import crypto

from . import identity
from .fields import encrypted_fields, raw_tokens, write_token
from .models import IDENTITY_FIELDS, Case, CaseEvent, DataSubjectRequest, FollowUp, Person, Service

NOTE_MODELS = (Case, CaseEvent, Service, FollowUp, DataSubjectRequest)


class RotationError(Exception):
    pass


@dataclass
class Rotated:
    people: int = 0
    notes: int = 0
    tips: int = 0
    sanctions: int = 0


def _reencrypt(token: str, keys: list[str]) -> str:
    if not token:
        return token
    plain = crypto.decrypt(token, keys)
    if plain is None:
        raise RotationError("a value could not be opened with the current keys")
    return crypto.encrypt(plain, keys[:1])


@transaction.atomic
def rotate(old_keys: list[str], new: str) -> Rotated:
    """Everything under ``new`` alone; raises (and changes nothing) if a value cannot be
    opened with ``old_keys``."""
    keys = [new, *old_keys]
    done = Rotated()
    for person in Person.objects.select_for_update().order_by("pk").iterator(chunk_size=500):
        plain = {}
        for name in IDENTITY_FIELDS:
            token = getattr(person, f"{name}_enc")
            value = crypto.decrypt(token, keys) if token else ""
            if value is None:
                raise RotationError(f"person {person.code}: a value could not be opened")
            plain[name] = value
            setattr(person, f"{name}_enc", crypto.encrypt(value, [new]))
        for field, value in identity.hashes(
            plain["full_name"], plain["id_number"], plain["birth_date"], keys=[new]
        ).items():
            setattr(person, field, value)
        person.save(
            update_fields=[f"{n}_enc" for n in IDENTITY_FIELDS]
            + ["id_hash", "name_year_hash", "given_year_hash"]
        )
        done.people += 1
    for model in NOTE_MODELS:
        for name in encrypted_fields(model):
            for pk, token in list(raw_tokens(model.objects.all(), name)):
                plain = crypto.decrypt(token, keys)
                if plain is None:
                    raise RotationError(f"{model.__name__} {pk}: a note could not be opened")
                write_token(model, pk, name, crypto.encrypt(plain, [new]))
                done.notes += 1
    from django.apps import apps

    if apps.is_installed("lanhmanh.sanctions"):
        from lanhmanh.sanctions import identity as sanction_identity

        try:
            done.sanctions = sanction_identity.rotate(keys, new)
        except ValueError as exc:
            raise RotationError(str(exc)) from None
    if apps.is_installed("lanhmanh.tips"):
        from lanhmanh.tips import crypto as tip_crypto
        from lanhmanh.tips.models import Tip

        for tip in Tip.objects.exclude(sender_contact="").only("pk", "sender_contact"):
            token = tip.sender_contact
            if token.startswith(tip_crypto.OLD_PREFIX):
                plain = tip_crypto.decrypt(token)
            else:
                plain = crypto.decrypt(token, keys)
            if plain is None:
                raise RotationError(f"tip {tip.pk}: the contact could not be opened")
            Tip.objects.filter(pk=tip.pk).update(sender_contact=crypto.encrypt(plain, [new]))
            done.tips += 1
    return done

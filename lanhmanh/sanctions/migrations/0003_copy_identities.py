"""A decision against an individual pointed at the people register by ``person_code``:
the identity of the person it pointed to is copied into the decision's own encrypted
fields (the police recorded it), the decision gets its owner (the agency of the
recorder in which they record sanctions, else the issuing agency) and its first-recorded
date and form; the next migration drops the link. Nothing is linked to a support case:
that is a referral the case team accepts."""

from django.db import migrations

POLICE_OR_INSPECTOR = ("police", "inspector")


def _identity_hash(crypto, fold, full_name, id_number, birth_date):
    """As ``sanctions.identity.identity_hash`` when this migration was written."""
    if id_number:
        return crypto.keyed_hash("sanctions.identity", "id|" + id_number)
    if full_name and birth_date:
        return crypto.keyed_hash("sanctions.identity", f"name|{fold(full_name)}|{birth_date}")
    return ""


def copy_identities(apps, schema_editor):
    from lanhmanh import crypto
    from lanhmanh.text import fold

    Sanction = apps.get_model("sanctions", "Sanction")
    Person = apps.get_model("people", "Person")
    Membership = apps.get_model("agencies", "Membership")
    owner_of: dict[int, int] = {}
    for user_id, agency_id in (
        Membership.objects.filter(role__in=POLICE_OR_INSPECTOR)
        .order_by("pk")
        .values_list("user_id", "agency_id")
    ):
        owner_of.setdefault(user_id, agency_id)
    for sanction in Sanction.objects.order_by("pk").iterator(chunk_size=500):
        sanction.first_decided_on = sanction.decided_on
        sanction.first_form = sanction.form
        sanction.recording_agency_id = owner_of.get(sanction.created_by_id) or (
            sanction.issuing_agency_id
        )
        code = sanction.person_code
        person = Person.objects.filter(code=code).first() if code else None
        if person is not None and sanction.subject == "individual":
            sanction.full_name_enc = person.full_name_enc
            sanction.id_number_enc = person.id_number_enc
            sanction.birth_date_enc = person.birth_date_enc
            id_number = crypto.decrypt(person.id_number_enc) or ""
            sanction.identity_hash = _identity_hash(
                crypto,
                fold,
                crypto.decrypt(person.full_name_enc) or "",
                "".join(ch for ch in id_number if ch.isalnum()).upper(),
                crypto.decrypt(person.birth_date_enc) or "",
            )
        sanction.person_code = ""
        sanction.search = (
            sanction.search.replace(code.lower(), "").strip() if code else (sanction.search)
        )
        sanction.save()


class Migration(migrations.Migration):
    dependencies = [
        ("sanctions", "0002_identity_owner_referrals"),
        ("people", "0002_case_members"),
        ("agencies", "0002_agency_order"),
    ]

    operations = [migrations.RunPython(copy_identities, migrations.RunPython.noop)]

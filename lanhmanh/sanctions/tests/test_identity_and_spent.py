"""A decision against an individual keeps the identity the police recorded, for the
agency that owns the record alone; the spent rule hides and then erases it, computed
from the decision as first recorded."""

import datetime

import pytest
from django.core.management import call_command
from django.urls import reverse

from lanhmanh.audit.models import AccessLog
from lanhmanh.audit.queries import history_of
from lanhmanh.sanctions import identity
from lanhmanh.sanctions.models import Sanction

from .factories import make_sanction

pytestmark = pytest.mark.django_db
TODAY = datetime.date.today()


def days_ago(n):
    return TODAY - datetime.timedelta(days=n)


def _decision(officer, cast, police_agency, when, form="warning", **fields):
    return make_sanction(
        officer,
        cast.commune,
        police_agency,
        form=form,
        amount=None if form == "warning" else 300_000,
        violated_on=when,
        decided_on=when,
        full_name=fields.pop("full_name", "Hoàng Thị Thử"),
        id_number=fields.pop("id_number", "040195003333"),
        **fields,
    )


def test_only_the_owning_agency_reads_the_identity_and_each_read_is_logged(
    client, cast, officer, other_officer, police_agency, api
):
    decision = _decision(officer, cast, police_agency, days_ago(10))
    assert "Hoàng" not in decision.full_name_enc and decision.recording_agency == police_agency
    client.force_login(officer)
    page = client.get(reverse("sanctions:detail", args=[decision.pk]))
    assert "Hoàng Thị Thử" in page.text and "040195003333" in page.text
    log = AccessLog.objects.get()
    assert (log.actor, log.subject) == (officer, f"sanction#{decision.pk}")
    for user in (other_officer, cast.inside["coordinator"], cast.inside["inspector"]):
        client.force_login(user)
        page = client.get(reverse("sanctions:detail", args=[decision.pk]))
        assert page.status_code == 200 and "Hoàng" not in page.text
        answer = client.get(f"/api/v1/sanctions/{decision.pk}/identity", **api(user))
        assert answer.status_code == 403 and "Hoàng" not in answer.text
        assert client.get(reverse("sanctions:edit", args=[decision.pk])).status_code == 403
    assert AccessLog.objects.count() == 1
    outsider = cast.outside["police"]
    answer = client.get(f"/api/v1/sanctions/{decision.pk}/identity", **api(outsider))
    assert answer.status_code == 404


def test_a_spent_decision_stays_spent_when_its_date_is_moved(
    client, cast, officer, police_agency, api
):
    decision = _decision(officer, cast, police_agency, days_ago(200))  # a warning: 6 months
    assert identity.identity_state(decision) == "spent"
    moved = client.patch(
        f"/api/v1/sanctions/{decision.pk}",
        {"decided_on": TODAY.isoformat(), "form": "fine", "amount": 300000},
        content_type="application/json",
        **api(officer),
    )
    assert moved.status_code == 200, moved.json()
    decision.refresh_from_db()
    assert decision.decided_on == TODAY and decision.first_decided_on == days_ago(200)
    assert decision.first_form == "warning"
    assert identity.identity_state(decision) == "spent"
    answer = client.get(f"/api/v1/sanctions/{decision.pk}/identity", **api(officer))
    assert answer.status_code == 410 and "Hoàng" not in answer.text
    client.force_login(officer)
    page = client.get(reverse("sanctions:detail", args=[decision.pk]))
    assert "Hoàng" not in page.text
    assert "spent" in page.text or "hết thời hạn" in page.text
    # the correction is history: old and new values
    change = history_of(decision).first()
    assert change.fields["decided_on"] == [days_ago(200).isoformat(), TODAY.isoformat()]
    assert not AccessLog.objects.exists()
    # its identity cannot be typed in again
    again = client.patch(
        f"/api/v1/sanctions/{decision.pk}",
        {"full_name": "Hoàng Thị Thử"},
        content_type="application/json",
        **api(officer),
    )
    assert again.status_code == 400 and "full_name" in again.json()["errors"]


def test_a_new_violation_keeps_the_earlier_one_counting_within_the_agency(
    cast, officer, police_agency
):
    first = _decision(officer, cast, police_agency, days_ago(200))
    assert identity.identity_state(first) == "spent"
    _decision(officer, cast, police_agency, days_ago(100), form="fine", id_number="040195003333")
    first.refresh_from_db()
    assert identity.identity_state(first) == "live"  # the fine came before it was spent


def test_erasing_spent_identities_is_idempotent(cast, officer, police_agency):
    spent = _decision(officer, cast, police_agency, days_ago(200))
    live = _decision(officer, cast, police_agency, days_ago(10), id_number="040195004444")
    call_command("erase_spent_identities")
    spent.refresh_from_db()
    live.refresh_from_db()
    assert spent.identity_erased_on == TODAY
    assert (spent.full_name_enc, spent.id_number_enc, spent.identity_hash) == ("", "", "")
    assert identity.identity_state(spent) == "erased"
    assert identity.decrypt_identity(live)["full_name"] == "Hoàng Thị Thử"
    assert history_of(spent).first().note.startswith("identity erased")
    assert identity.erase_spent() == 0
    assert Sanction.objects.filter(identity_erased_on__isnull=False).count() == 1
    # later, the other one is spent as well
    assert identity.erase_spent(TODAY + datetime.timedelta(days=200)) == 1

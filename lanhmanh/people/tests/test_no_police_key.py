"""Finding 1 of issue 19 (the people side): no record of another register is a key to the
support register's identities. A police officer whose agency sanctioned the person's code
reads nothing of the support register (DESIGN.md, people's data, rule 2)."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied
from ninja.testing import TestClient

from lanhmanh.audit.models import AccessLog
from lanhmanh.people import identity
from lanhmanh.people.api import router
from lanhmanh.people.testing import FAKE


@pytest.fixture
def sanctioned(case, cast):
    """The police sanctioned the person (same identity), referred them, and the case team
    accepted the referral into the case: the sanction now counts in the person's history."""
    from lanhmanh.people import violations
    from lanhmanh.sanctions import actions as sanction_actions
    from lanhmanh.sanctions.tests.factories import make_sanction

    recent = datetime.date.today() - datetime.timedelta(days=10)
    sanction = make_sanction(
        cast.inside["police"],
        cast.commune,
        cast.province_agency,
        full_name=FAKE["full_name"],
        id_number=FAKE["id_number"],
        form="fine",
        violated_on=recent,
        decided_on=recent,
    )
    referral = sanction_actions.refer(cast.inside["police"], sanction, cast.commune_agency)
    sanction_actions.answer_referral(cast.in_commune["case_worker"], referral, True, case=case)
    assert violations.live_counts([case.person.code]) == {case.person.code: 1}
    return case


@pytest.mark.parametrize("where", ["inside", "outside"])
def test_a_sanction_opens_no_identity(sanctioned, cast, client, where):
    police = getattr(cast, where)["police"]
    person = sanctioned.person
    with pytest.raises(PermissionDenied):
        identity.read_identity(police, person)
    client.force_login(police)
    page = client.get(f"/people/persons/{person.pk}/")
    assert page.status_code == 404 and FAKE["full_name"] not in page.content.decode()
    listing = client.get("/people/")
    assert person.code not in listing.content.decode()
    api = TestClient(router)
    assert api.get(f"/people/{person.pk}", user=police).status_code == 404
    assert person.code not in api.get("/people", user=police).content.decode()
    assert not AccessLog.objects.exists()

"""Shared fixtures of the people tests: a case opened by the commune's case worker, a
colleague of the same agency and a case worker of another agency of the province, neither
on the case's team, and a person of another province (Hà Tĩnh)."""

import pytest

from lanhmanh.agencies.roles import Role
from lanhmanh.places.models import AdministrativeUnit, Level
from lanhmanh.testing import make_user


@pytest.fixture
def case(cast):
    from lanhmanh.people.testing import make_case

    return make_case(cast)


@pytest.fixture
def colleague(cast):
    """A case worker of the case's own agency who is not on its team."""
    return make_user(Role.CASE_WORKER, cast.commune_agency, username="colleague")


@pytest.fixture
def other_commune_of_other_province(cast):
    return (
        AdministrativeUnit.objects.current()
        .filter(level=Level.COMMUNE, province=cast.other_province)
        .order_by("code")
        .first()
    )


@pytest.fixture
def ha_tinh_case(cast, other_commune_of_other_province):
    """A person with a case in Hà Tĩnh, opened by Hà Tĩnh's case worker."""
    from lanhmanh.people.testing import make_case

    return make_case(
        cast,
        worker=cast.outside["case_worker"],
        commune=other_commune_of_other_province,
        full_name="Lê Thị Hà Tĩnh",
        id_number="042190005555",
        birth_date="1991-02-03",
    )

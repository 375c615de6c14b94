"""Places and teams for the tests of the inspections register's door."""

import pytest

from lanhmanh.agencies.models import AgencyKind, Membership
from lanhmanh.agencies.roles import Role
from lanhmanh.inspections.models import Establishment
from lanhmanh.places.models import AdministrativeUnit, Level
from lanhmanh.testing import make_agency, unit


@pytest.fixture
def province_team(cast):
    """Nghệ An's Đội 178, with the province's inspector as a member."""
    team = make_agency(cast.province, AgencyKind.INSPECTION_TEAM, name="Đội 178 tỉnh (thử)")
    Membership.objects.create(user=cast.inside[Role.INSPECTOR], agency=team, role=Role.INSPECTOR)
    return team


@pytest.fixture
def other_commune(cast):
    """Another commune of Nghệ An, outside the commune agency's area."""
    return unit("16681", Level.COMMUNE)


@pytest.fixture
def other_province_commune(cast):
    return (
        AdministrativeUnit.objects.current()
        .filter(level=Level.COMMUNE, parent=cast.other_province)
        .order_by("code")
        .first()
    )


@pytest.fixture
def here(cast):
    """An establishment in the commune of the commune agency."""
    return Establishment.objects.create(
        kind="karaoke", name="Karaoke Hoa Mai", commune=cast.commune, registration_number="2900001"
    )


@pytest.fixture
def there(other_commune):
    """An establishment in another commune of the same province."""
    return Establishment.objects.create(
        kind="hotel",
        name="Khách sạn Lam Giang",
        commune=other_commune,
        registration_number="2900002",
    )

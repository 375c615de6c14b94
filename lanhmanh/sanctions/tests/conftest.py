import pytest

from lanhmanh.agencies.models import AgencyKind
from lanhmanh.agencies.roles import Role
from lanhmanh.testing import make_agency, make_user


@pytest.fixture
def police_agency(cast):
    return make_agency(cast.province, AgencyKind.POLICE, name="Công an tỉnh thử nghiệm")


@pytest.fixture
def officer(police_agency):
    """A police officer of the agency that records (and owns) the decisions."""
    return make_user(Role.POLICE, police_agency, username="officer")


@pytest.fixture
def other_officer(cast):
    """A police officer of another agency of the same province."""
    agency = make_agency(cast.commune, AgencyKind.POLICE, name="Công an phường thử nghiệm")
    return make_user(Role.POLICE, agency, username="other_officer")


@pytest.fixture
def api():
    def headers(user):
        from lanhmanh.api.actions import create_token

        _token, secret = create_token(user, "test")
        return {"HTTP_AUTHORIZATION": f"Bearer {secret}"}

    return headers

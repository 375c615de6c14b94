import datetime

import pytest

from lanhmanh.agencies.roles import Role

from .factories import commune, make_activity, make_model, other_commune

D = datetime.date


@pytest.fixture
def programme(cast):
    """A year of the demo province's activities, with some outside the period, outside
    the area and of other kinds, so that every figure has something to leave out."""
    coordinator = cast.inside[Role.COORDINATOR]
    ward = cast.in_commune[Role.REPORTER]
    province, agency = cast.province, cast.province_agency
    other_ward = commune("16681")
    made = {
        "conference": make_activity(
            coordinator, agency, province, "conference", held_on=D(2026, 2, 10)
        ),
        "talk": make_activity(ward, cast.commune_agency, kind="talk", held_on=D(2026, 4, 1)),
        "campaign": make_activity(
            coordinator, agency, province, "campaign", communes=[other_ward], held_on=D(2026, 5, 2)
        ),
        "old_talk": make_activity(ward, cast.commune_agency, kind="talk", held_on=D(2025, 11, 1)),
        "training": make_activity(
            coordinator, agency, province, "training", participants=35, held_on=D(2026, 3, 3)
        ),
        "training2": make_activity(
            coordinator, agency, other_ward, "training", participants=20, held_on=D(2026, 6, 3)
        ),
        "article": make_activity(coordinator, agency, province, "media", held_on=D(2026, 1, 20)),
        "leaflets": make_activity(
            coordinator, agency, province, "printed", quantity=5000, held_on=D(2026, 2, 1)
        ),
        "panels": make_activity(
            coordinator,
            agency,
            other_ward,
            "printed",
            medium="panel",
            quantity=3,
            held_on=D(2026, 2, 1),
        ),
        "visit": make_activity(
            coordinator,
            agency,
            province,
            "supervision",
            visited=cast.commune_agency,
            participants=None,
            held_on=D(2026, 5, 5),
        ),
        "plan": make_activity(ward, cast.commune_agency, kind="unit_plan", held_on=D(2026, 2, 2)),
        "plan_again": make_activity(
            ward,
            cast.commune_agency,
            kind="unit_plan",
            document_number="30/KH-UBND",
            held_on=D(2026, 6, 2),
        ),
        "far": make_activity(
            cast.outside[Role.COORDINATOR],
            cast.other_agency,
            other_commune(),
            "talk",
            held_on=D(2026, 3, 1),
        ),
        "club": make_model(ward, cast.commune_agency, started_on=D(2026, 3, 1)),
        "old_group": make_model(
            coordinator, agency, other_ward, kind="peer_group", started_on=D(2024, 3, 1)
        ),
        "stopped": make_model(
            coordinator, agency, other_ward, started_on=D(2024, 3, 1), stopped_on=D(2025, 6, 1)
        ),
        "far_model": make_model(
            cast.outside[Role.COORDINATOR],
            cast.other_agency,
            other_commune(),
            started_on=D(2026, 1, 5),
        ),
    }
    return made


@pytest.fixture
def api_as():
    """An API client carrying a fresh bearer token of the user given."""
    from django.test import Client

    from lanhmanh.api.actions import create_token

    def client_for(user):
        _token, secret = create_token(user)
        return Client(headers={"Authorization": f"Bearer {secret}"})

    return client_for


@pytest.fixture
def as_csv():
    """A table (a list of rows) as the bytes of a CSV file."""
    import csv
    import io

    def write(table) -> bytes:
        out = io.StringIO()
        csv.writer(out).writerows(table)
        return out.getvalue().encode()

    return write

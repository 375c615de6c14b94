"""The activity register's actions ask the door themselves: a page, the API or a command
calling them with a user who may not changes nothing; what is allowed leaves one audit row."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from lanhmanh.activities import actions
from lanhmanh.activities.models import Activity, CommunityModel
from lanhmanh.agencies.roles import Role
from lanhmanh.audit.models import Change

from .factories import commune, make_activity, make_model, other_commune

pytestmark = pytest.mark.django_db


def state():
    return (
        sorted(Activity.objects.values_list("pk", "title", "unit_id")),
        sorted(CommunityModel.objects.values_list("pk", "name", "unit_id")),
        Change.objects.count(),
    )


def refused(call):
    before = state()
    with pytest.raises(PermissionDenied):
        call()
    assert state() == before


@pytest.mark.parametrize(
    "who",
    [
        ("inside", Role.INSPECTOR),  # works on establishments, not on activities
        ("inside", Role.POLICE),
        ("inside", Role.VIEWER),  # reads them only
        ("inside", Role.CASE_WORKER),
        ("outside", Role.REPORTER),  # another province
        ("outside", Role.COORDINATOR),
    ],
)
def test_only_reporters_and_coordinators_of_the_area_keep_activities(cast, who):
    activity = make_activity(cast.in_commune[Role.REPORTER], cast.commune_agency)
    model = make_model(cast.in_commune[Role.REPORTER], cast.commune_agency)
    user = getattr(cast, who[0])[who[1]]
    refused(lambda: make_activity(user, cast.commune_agency, title="Hoạt động trái phép"))
    refused(lambda: actions.update_activity(user, activity, title="Tên trái phép"))
    refused(lambda: make_model(user, cast.commune_agency))
    refused(lambda: actions.update_model(user, model, name="Tên trái phép"))
    refused(lambda: actions.import_activities(user, cast.province, "a.csv", b"x"))


def test_a_commune_officer_keeps_the_commune_s_activities_only(cast):
    reporter = cast.in_commune[Role.REPORTER]
    activity = make_activity(reporter, cast.commune_agency)
    elsewhere = commune("16681")
    refused(lambda: actions.update_activity(reporter, activity, unit=elsewhere))
    refused(lambda: make_activity(reporter, cast.commune_agency, unit=elsewhere))
    refused(lambda: make_activity(reporter, cast.commune_agency, unit=cast.province))
    refused(lambda: actions.import_activities(reporter, cast.province, "a.csv", b"x"))
    refused(
        lambda: make_activity(cast.inside[Role.COORDINATOR], cast.other_agency, other_commune())
    )
    # Their own commune's activity they correct; the province's coordinator too.
    actions.update_activity(reporter, activity, title="Đã sửa")
    actions.update_activity(cast.inside[Role.COORDINATOR], activity, participants=55)


def test_each_change_writes_one_audit_row(cast):
    coordinator = cast.inside[Role.COORDINATOR]
    before = Change.objects.count()
    activity = make_activity(
        coordinator, cast.province_agency, unit=cast.province, communes=[cast.commune]
    )
    assert Change.objects.count() == before + 1
    actions.update_activity(coordinator, activity, participants=70)
    change = Change.objects.order_by("pk").last()
    assert Change.objects.count() == before + 2
    assert change.fields == {"participants": [40, 70]} and change.actor == coordinator


def test_a_commune_activity_counts_its_own_commune_and_lists_only_communes_inside(cast):
    reporter = cast.in_commune[Role.REPORTER]
    activity = make_activity(reporter, cast.commune_agency)
    assert list(activity.communes.all()) == [cast.commune]
    with pytest.raises(ValidationError) as refused_:
        make_activity(
            cast.inside[Role.COORDINATOR],
            cast.province_agency,
            unit=cast.province,
            communes=[other_commune()],
        )
    assert "communes" in refused_.value.message_dict


@pytest.mark.parametrize(
    "fields, field",
    [
        ({"kind": "printed", "medium": "", "quantity": None}, "medium"),
        ({"kind": "printed", "medium": "leaflet", "quantity": None}, "quantity"),
        ({"kind": "supervision"}, "visited"),
        ({"kind": "unit_plan", "document_number": ""}, "document_number"),
        ({"participants": 10, "women": 8, "men": 5}, "women"),
        ({"held_on": __import__("datetime").date(2099, 1, 1)}, "held_on"),
    ],
)
def test_what_a_kind_needs_is_asked_for_by_field(cast, fields, field):
    before = state()
    with pytest.raises(ValidationError) as refused_:
        make_activity(cast.in_commune[Role.REPORTER], cast.commune_agency, **fields)
    assert field in refused_.value.message_dict
    assert state() == before

"""Registering hotspots, the path of their status, the history, and recurrence on a check."""

import datetime
import logging

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from lanhmanh.agencies.roles import Role
from lanhmanh.hotspots import actions
from lanhmanh.hotspots.models import HotspotKind, HotspotStatus, HotspotStatusChange

from .factories import commune, make_hotspot

pytestmark = pytest.mark.django_db
S = HotspotStatus
D = datetime.date


@pytest.fixture
def police(cast):
    return cast.inside[Role.POLICE]


def history(hotspot):
    return list(
        hotspot.status_changes.order_by("on", "pk").values_list("from_status", "to_status", "on")
    )


def test_create_writes_the_first_row_of_history_and_a_folded_search_column(police):
    hotspot = make_hotspot(police, name="Bãi đá ven sông", address="Đường Phong Đình Cảng")
    assert hotspot.status == S.ACTIVE and hotspot.created_by == police
    assert history(hotspot) == [("", S.ACTIVE, D(2025, 1, 10))]
    assert hotspot.search == "bai da ven song duong phong dinh cang"


@pytest.mark.parametrize(
    ("fields", "field"),
    [
        ({"latitude": "18.67"}, "longitude"),
        ({"latitude": "48.8", "longitude": "2.3"}, "latitude"),
        ({"latitude": "18.67", "longitude": "200"}, "longitude"),
        ({"kind": HotspotKind.ESTABLISHMENT}, "establishment_name"),
        ({"name": ""}, "name"),
        ({"kind": "brothel"}, "kind"),
    ],
)
def test_bad_fields_are_refused_with_the_field_named(police, fields, field):
    with pytest.raises(ValidationError) as caught:
        make_hotspot(police, **fields)
    assert field in caught.value.message_dict


def test_a_province_is_not_a_commune(police, cast):
    with pytest.raises(ValidationError) as caught:
        make_hotspot(police, place=cast.province)
    assert "commune" in caught.value.message_dict


def test_status_since_in_the_future_is_refused(police):
    with pytest.raises(ValidationError):
        make_hotspot(police, since=timezone.localdate() + datetime.timedelta(days=1))


def test_the_whole_path_is_written_into_the_history(police):
    hotspot = make_hotspot(police)
    actions.change_status(police, hotspot, S.BROKEN_UP, D(2025, 3, 1), note="Triệt xóa")
    actions.change_status(police, hotspot, S.MONITORED, D(2025, 4, 1))
    actions.change_status(police, hotspot, S.RECURRED, D(2025, 9, 1))
    actions.change_status(police, hotspot, S.BROKEN_UP, D(2025, 9, 1))  # same day is fine
    hotspot.refresh_from_db()
    assert (hotspot.status, hotspot.status_since) == (S.BROKEN_UP, D(2025, 9, 1))
    assert history(hotspot) == [
        ("", S.ACTIVE, D(2025, 1, 10)),
        (S.ACTIVE, S.BROKEN_UP, D(2025, 3, 1)),
        (S.BROKEN_UP, S.MONITORED, D(2025, 4, 1)),
        (S.MONITORED, S.RECURRED, D(2025, 9, 1)),
        (S.RECURRED, S.BROKEN_UP, D(2025, 9, 1)),
    ]
    assert hotspot.status_changes.get(to_status=S.BROKEN_UP, on=D(2025, 3, 1)).by == police


@pytest.mark.parametrize(
    ("path", "refused"),
    [
        ([], S.MONITORED),  # active → monitored: break it up first
        ([], S.RECURRED),
        ([], S.ACTIVE),
        ([S.BROKEN_UP], S.ACTIVE),
        ([S.BROKEN_UP], S.BROKEN_UP),
        ([S.BROKEN_UP, S.MONITORED], S.BROKEN_UP),
        ([S.BROKEN_UP, S.MONITORED, S.RECURRED], S.MONITORED),
        ([], "vanished"),
    ],
)
def test_refused_transitions(police, path, refused):
    hotspot = make_hotspot(police)
    for i, status in enumerate(path):
        actions.change_status(police, hotspot, status, D(2025, 2, 1 + i))
    before = history(hotspot)
    with pytest.raises(ValidationError) as caught:
        actions.change_status(police, hotspot, refused, D(2025, 6, 1))
    assert "to_status" in caught.value.message_dict
    assert history(hotspot) == before


def test_allowed_statuses_follow_the_path(police):
    hotspot = make_hotspot(police)
    assert hotspot.allowed_statuses == [S.BROKEN_UP]
    actions.change_status(police, hotspot, S.BROKEN_UP, D(2025, 2, 1))
    assert hotspot.allowed_statuses == [S.MONITORED, S.RECURRED]


def test_dates_in_the_future_or_before_the_last_change_are_refused(police):
    hotspot = make_hotspot(police)
    tomorrow = timezone.localdate() + datetime.timedelta(days=1)
    with pytest.raises(ValidationError) as caught:
        actions.change_status(police, hotspot, S.BROKEN_UP, tomorrow)
    assert "on" in caught.value.message_dict
    actions.change_status(police, hotspot, S.BROKEN_UP, D(2025, 5, 1))
    with pytest.raises(ValidationError) as caught:
        actions.change_status(police, hotspot, S.MONITORED, D(2025, 4, 30))
    assert "01/05/2025" in caught.value.message_dict["on"][0]
    assert hotspot.status_changes.count() == 2


def test_a_check_with_activity_at_a_broken_up_hotspot_means_it_recurred(police, cast):
    hotspot = make_hotspot(police)
    actions.change_status(police, hotspot, S.BROKEN_UP, D(2025, 3, 1))
    actions.change_status(police, hotspot, S.MONITORED, D(2025, 3, 15))
    quiet = actions.record_check(police, hotspot, D(2025, 4, 1), found_activity=False)
    assert hotspot.status == S.MONITORED and not quiet.found_activity
    actions.record_check(
        police, hotspot, D(2025, 6, 2), found_activity=True, agency=cast.province_agency
    )
    hotspot.refresh_from_db()
    assert (hotspot.status, hotspot.status_since) == (S.RECURRED, D(2025, 6, 2))
    last = hotspot.status_changes.order_by("-pk").first()
    assert (last.from_status, last.to_status, last.on) == (S.MONITORED, S.RECURRED, D(2025, 6, 2))
    assert "02/06/2025" in last.note
    assert hotspot.checks.count() == 2


def test_a_check_with_activity_at_an_active_hotspot_changes_nothing(police):
    hotspot = make_hotspot(police)
    actions.record_check(police, hotspot, D(2025, 2, 1), found_activity=True)
    assert hotspot.status == S.ACTIVE
    assert hotspot.status_changes.count() == 1


def test_a_backdated_check_with_activity_is_refused_whole(police):
    hotspot = make_hotspot(police)
    actions.change_status(police, hotspot, S.BROKEN_UP, D(2025, 3, 1))
    with pytest.raises(ValidationError):
        actions.record_check(police, hotspot, D(2025, 2, 1), found_activity=True)
    assert hotspot.checks.count() == 0
    # Without activity the same date is an ordinary earlier patrol.
    actions.record_check(police, hotspot, D(2025, 2, 1), found_activity=False)
    assert hotspot.checks.count() == 1


def test_a_check_in_the_future_is_refused(police):
    hotspot = make_hotspot(police)
    with pytest.raises(ValidationError):
        actions.record_check(
            police, hotspot, timezone.localdate() + datetime.timedelta(days=2), False
        )


def test_update_changes_the_place_not_the_status(police):
    hotspot = make_hotspot(police, name="Công viên")
    actions.update_hotspot(police, hotspot, name="Công viên trung tâm", latitude=None)
    hotspot.refresh_from_db()
    assert hotspot.name == "Công viên trung tâm" and "cong vien trung tam" in hotspot.search
    with pytest.raises(TypeError):
        actions.update_hotspot(police, hotspot, status=S.BROKEN_UP)


def test_the_audit_log_carries_ids_not_places(police, caplog):
    with caplog.at_level(logging.INFO, logger="lanhmanh.audit"):
        hotspot = make_hotspot(police, address="Số 9 ngõ Bí Mật")
        actions.record_check(police, hotspot, D(2025, 2, 1), True, note="Ghi chú riêng")
    text = caplog.text
    assert f"id={hotspot.pk}" in text
    assert "Bí Mật" not in text and "Ghi chú" not in text and hotspot.name not in text


def test_history_rows_are_the_only_source_of_status_dates(police):
    hotspot = make_hotspot(police, place=commune())
    actions.change_status(police, hotspot, S.BROKEN_UP, D(2025, 3, 1))
    assert HotspotStatusChange.objects.filter(hotspot=hotspot).count() == 2


def test_corrections_are_kept_in_the_history(cast):
    from lanhmanh.audit.queries import history_of

    officer = cast.inside["police"]
    hotspot = make_hotspot(officer, address="Ngõ 5 Lê Lợi")
    actions.update_hotspot(officer, hotspot, address="Ngõ 7 Lê Lợi")
    changes = list(history_of(hotspot))
    assert [c.action for c in changes] == ["updated", "created"]
    assert changes[0].fields == {"address": ["Ngõ 5 Lê Lợi", "Ngõ 7 Lê Lợi"]}
    assert changes[0].actor == officer

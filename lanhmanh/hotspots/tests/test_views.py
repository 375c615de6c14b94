"""The hotspot pages: list, search, export, detail, register, edit, status, checks — and
who reaches them."""

import datetime
import io

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from lanhmanh.agencies.roles import Role
from lanhmanh.hotspots import actions
from lanhmanh.hotspots.models import Hotspot, HotspotStatus

from .factories import commune, make_hotspot, other_commune

pytestmark = pytest.mark.django_db
S = HotspotStatus
D = datetime.date


@pytest.fixture
def spots(cast):
    police = cast.inside[Role.POLICE]
    river = make_hotspot(
        police, name="Bờ kè sông Trường Vinh", address="Đường Nguyễn Du", description="Tối"
    )
    hotel = make_hotspot(
        police,
        name="Phòng trọ sau chợ",
        address='=HYPERLINK("x")',
        kind="establishment",
        establishment_name="Nhà nghỉ Hoa Hồng",
        latitude="18.679600",
        longitude="105.681300",
    )
    actions.change_status(police, hotel, S.BROKEN_UP, D(2025, 3, 1))
    far = make_hotspot(cast.outside[Role.POLICE], name="Bến xe Hà Tĩnh", place=other_commune())
    return {"river": river, "hotel": hotel, "far": far}


def names(response):
    return [h.name for h in response.context["page"]]


def test_the_list_shows_the_area_only(client, cast, spots):
    client.force_login(cast.inside[Role.COORDINATOR])
    response = client.get(reverse("hotspots:list"))
    assert response.status_code == 200
    assert sorted(names(response)) == ["Bờ kè sông Trường Vinh", "Phòng trọ sau chợ"]
    assert not response.context["can_create"]
    client.force_login(cast.outside[Role.POLICE])
    assert names(client.get(reverse("hotspots:list"))) == ["Bến xe Hà Tĩnh"]


@pytest.mark.parametrize("q", ["truong vinh", "TRƯỜNG VINH", "Truong  Vinh", "hoa hong"])
def test_search_ignores_diacritics(client, cast, spots, q):
    client.force_login(cast.inside[Role.POLICE])
    found = names(client.get(reverse("hotspots:list"), {"q": q}))
    assert len(found) == 1
    assert found[0] == ("Phòng trọ sau chợ" if q == "hoa hong" else "Bờ kè sông Trường Vinh")


def test_filters_by_status_and_commune(client, cast, spots):
    client.force_login(cast.inside[Role.POLICE])
    url = reverse("hotspots:list")
    assert names(client.get(url, {"status": "broken_up"})) == ["Phòng trọ sau chợ"]
    assert len(names(client.get(url, {"commune": commune().pk}))) == 2
    # a commune outside the area is not a choice: the filter is refused, not obeyed
    response = client.get(url, {"commune": other_commune().pk, "status": "nonsense", "page": "x"})
    assert response.status_code == 200
    assert {"commune", "status"} <= set(response.context["form"].errors)
    assert "Bến xe Hà Tĩnh" not in names(response)


def test_reporter_and_case_worker_reach_nothing(client, cast, spots):
    for role in (Role.REPORTER, Role.CASE_WORKER, Role.VIEWER):
        client.force_login(cast.inside[role])
        assert client.get(reverse("hotspots:list")).status_code == 403
        assert client.get(reverse("hotspots:export", args=["csv"])).status_code == 403
        assert client.get(reverse("hotspots:detail", args=[spots["river"].pk])).status_code == 404


def test_detail_shows_history_and_checks(client, cast, spots):
    hotel = spots["hotel"]
    actions.record_check(cast.inside[Role.POLICE], hotel, D(2025, 4, 2), True, note="Tái diễn")
    client.force_login(cast.inside[Role.INSPECTOR])
    response = client.get(reverse("hotspots:detail", args=[hotel.pk]))
    assert response.status_code == 200
    assert [c.to_status for c in response.context["history"]] == [
        S.RECURRED,
        S.BROKEN_UP,
        S.ACTIVE,
    ]
    assert response.context["checks"][0].note == "Tái diễn"
    assert not response.context["can_edit"]
    assert reverse("hotspots:edit", args=[hotel.pk]).encode() not in response.content


def test_police_outside_gets_404_coordinator_inside_403(client, cast, spots):
    river = spots["river"]
    client.force_login(cast.outside[Role.POLICE])
    for name in ("detail", "edit", "status", "check"):
        assert client.get(reverse(f"hotspots:{name}", args=[river.pk])).status_code == 404
    client.force_login(cast.inside[Role.COORDINATOR])
    assert client.get(reverse("hotspots:detail", args=[river.pk])).status_code == 200
    for name in ("edit", "status", "check"):
        url = reverse(f"hotspots:{name}", args=[river.pk])
        assert client.get(url).status_code == 403
        assert client.post(url, {"name": "x", "to_status": "broken_up"}).status_code == 403
    assert client.get(reverse("hotspots:create")).status_code == 403


def test_police_register_edit_break_up_and_check(client, cast):
    police = cast.inside[Role.POLICE]
    client.force_login(police)
    response = client.post(
        reverse("hotspots:create"),
        {
            "name": "Vườn hoa cửa Nam",
            "commune": commune().pk,
            "address": "Đường Trường Thi",
            "kind": "public_place",
            "status": "active",
            "status_since": "05/01/2026",
        },
    )
    hotspot = Hotspot.objects.get(name="Vườn hoa cửa Nam")
    assert response.status_code == 302 and response.url == reverse(
        "hotspots:detail", args=[hotspot.pk]
    )
    assert hotspot.created_by == police and hotspot.status_since == D(2026, 1, 5)
    edit = {
        "name": "Vườn hoa Cửa Nam",
        "commune": commune().pk,
        "address": "Đường Trường Thi",
        "kind": "public_place",
        "latitude": "18.67",
        "longitude": "105.69",
    }
    assert client.post(reverse("hotspots:edit", args=[hotspot.pk]), edit).status_code == 302
    hotspot.refresh_from_db()
    assert hotspot.name == "Vườn hoa Cửa Nam" and str(hotspot.latitude) == "18.670000"
    status = client.post(
        reverse("hotspots:status", args=[hotspot.pk]),
        {"to_status": "broken_up", "on": "2026-02-01", "note": "Đã triệt xóa"},
    )
    assert status.status_code == 302
    check = client.post(
        reverse("hotspots:check", args=[hotspot.pk]),
        {"on": "2026-03-01", "found_activity": "on", "agency": cast.province_agency.pk},
    )
    assert check.status_code == 302
    hotspot.refresh_from_db()
    assert hotspot.status == S.RECURRED
    assert hotspot.checks.get().agency == cast.province_agency


def test_bad_input_gives_field_errors(client, cast, spots):
    client.force_login(cast.inside[Role.POLICE])
    response = client.post(
        reverse("hotspots:create"),
        {
            "name": "",
            "commune": other_commune().pk,  # outside the officer's area
            "address": "x",
            "kind": "establishment",
            "latitude": "48.85",
            "status": "active",
            "status_since": "2099-01-01",
        },
    )
    assert response.status_code == 400
    errors = response.context["form"].errors
    assert {"name", "commune", "status_since", "longitude"} <= set(errors)
    river = spots["river"]
    monitored = client.post(
        reverse("hotspots:status", args=[river.pk]), {"to_status": "monitored", "on": "2025-05-01"}
    )
    assert monitored.status_code == 400
    assert "to_status" in monitored.context["form"].errors
    early = client.post(
        reverse("hotspots:status", args=[river.pk]), {"to_status": "broken_up", "on": "2024-01-01"}
    )
    assert early.status_code == 400
    assert "on" in early.context["form"].errors
    future = client.post(reverse("hotspots:check", args=[river.pk]), {"on": "2099-01-01"})
    assert future.status_code == 400 and "on" in future.context["form"].errors
    assert Hotspot.objects.count() == 3 and river.status_changes.count() == 1


def test_edit_refuses_an_establishment_without_a_name(client, cast, spots):
    client.force_login(cast.inside[Role.POLICE])
    river = spots["river"]
    response = client.post(
        reverse("hotspots:edit", args=[river.pk]),
        {"name": river.name, "commune": commune().pk, "address": "x", "kind": "establishment"},
    )
    assert response.status_code == 400
    assert "establishment_name" in response.context["form"].errors


def test_xlsx_export_of_the_filtered_list(client, cast, spots):
    client.force_login(cast.inside[Role.COORDINATOR])
    response = client.get(reverse("hotspots:export", args=["xlsx"]), {"q": "phong tro"})
    assert response.status_code == 200
    assert response["Content-Disposition"].startswith('attachment; filename="tu-diem-')
    sheet = load_workbook(io.BytesIO(response.content)).active
    rows = list(sheet.iter_rows(values_only=True))
    assert len(rows) == 2
    header, row = rows
    assert len(header) == 12 and header[0] and all(header)
    record = dict(
        zip(
            [
                "no",
                "name",
                "commune",
                "address",
                "type",
                "establishment",
                "status",
                "since",
                "last_check",
                "lat",
                "lon",
                "description",
            ],
            row,
            strict=True,
        )
    )
    assert record["name"] == "Phòng trọ sau chợ"
    assert record["commune"] == "Phường Trường Vinh"
    assert record["establishment"] == "Nhà nghỉ Hoa Hồng"
    assert record["status"] == str(HotspotStatus.BROKEN_UP.label)
    assert record["since"].date() == D(2025, 3, 1)
    assert record["last_check"] is None
    assert record["lat"] == pytest.approx(18.6796)
    assert record["address"].startswith("'=")  # not a formula
    # no person: not who registered or changed it
    flat = " ".join(str(v) for r in rows for v in r)
    assert "police_in" not in flat


def test_csv_export_is_scoped(client, cast, spots):
    client.force_login(cast.inside[Role.POLICE])
    response = client.get(reverse("hotspots:export", args=["csv"]))
    text = response.content.decode("utf-8-sig")
    assert "Bờ kè sông Trường Vinh" in text and "Bến xe Hà Tĩnh" not in text
    assert len(text.strip().splitlines()) == 3
    assert client.get(reverse("hotspots:export", args=["pdf"])).status_code == 404


def test_list_query_count_does_not_grow(client, cast, spots, django_assert_num_queries):
    police = cast.inside[Role.POLICE]
    client.force_login(police)
    client.get(reverse("hotspots:list"))
    for i in range(30):
        make_hotspot(police, name=f"Tụ điểm {i}")
    # session, user, grants, the communes of the filter, count, page.
    with django_assert_num_queries(6):
        response = client.get(reverse("hotspots:list"))
    assert response.context["page"].paginator.count == 32

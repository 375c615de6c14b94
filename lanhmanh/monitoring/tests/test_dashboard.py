"""The dashboard: its figures, the records they drill down to, who may see what."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from lanhmanh.monitoring.figures import MEASURES
from lanhmanh.monitoring.queries import area_for

pytestmark = pytest.mark.django_db


def figures_of(response) -> dict:
    return {f.key: f for f in response.context["figures"]}


def count_behind(client, url) -> int:
    response = client.get(url)
    assert response.status_code == 200, url
    return response.context["page"].paginator.count


# The people register's figures drill down only for its case team (counts only for a
# coordinator): test_people_and_communes.py follows them as a case worker.
PEOPLE_FIGURES = {"people_reached", "open_cases"}


def test_every_figure_equals_the_records_it_drills_down_to(client, world):
    from lanhmanh.assessments.tests.factories import default_set, make_assessment

    cast = world.cast
    default_set()
    year = timezone.localdate().year - 1
    make_assessment(cast.inside["coordinator"], cast.commune, year)
    make_assessment(cast.inside["coordinator"], world.second, year, healthy=False)
    client.force_login(cast.inside["coordinator"])
    for unit in (None, cast.province.pk, cast.commune.pk, world.second.pk):
        url = reverse("monitoring:dashboard") + (f"?unit={unit}" if unit else "")
        response = client.get(url)
        assert response.status_code == 200
        figures = [f for f in response.context["figures"] if f.key not in PEOPLE_FIGURES]
        assert all(f.url for f in figures), "a coordinator reaches every other register"
        for figure in figures:
            # A percentage (communes lành mạnh) drills down to the records it counts.
            counted = figure.value if figure.count is None else figure.count
            assert counted == count_behind(client, figure.url), (unit, figure.key)
        for row in response.context["rows"]:
            assert row.tips_overdue == count_behind(client, row.tips_overdue_url)
            assert row.inspected == count_behind(client, row.inspected_url)


def test_the_figures_count_what_they_say(client, world):
    cast = world.cast
    client.force_login(cast.inside["coordinator"])
    province = figures_of(client.get(reverse("monitoring:dashboard")))
    # Overdue: commune, its historic predecessor, the second commune; not the one handled,
    # not the one received today, not the other province's.
    assert province["tips_overdue"].value == 3
    # Inspected this month: Hoa Sen (twice, counted once), Bến Thủy, Thiên Thanh.
    assert province["establishments_inspected"].value == 3
    assert province["establishments_planned"].value == 2  # this month's plan
    # Since 1 January: also Cửa Lò (inspected on 1 January, outside January only).
    today = timezone.localdate()
    assert province["establishments_inspected_year"].value == (4 if today.month > 1 else 3)
    assert province["reports_missing"].value == 1
    assert province["reports_late"].value == 1

    commune = figures_of(client.get(reverse("monitoring:dashboard") + f"?unit={cast.commune.pk}"))
    # The historic commune merged into it in 2025 counts with it.
    assert commune["tips_overdue"].value == 2
    assert commune["establishments_inspected"].value == 2
    assert commune["establishments_planned"].value == 2  # one kept under the historic commune
    assert commune["reports_missing"].value == 0
    assert commune["reports_late"].value == 1


def test_the_table_by_commune_adds_up(world):
    cast = world.cast
    area = area_for(cast.inside["coordinator"])
    assert area.unit == cast.province
    from lanhmanh.monitoring.queries import unit_rows

    rows = {r.unit.pk: r for r in unit_rows(area, timezone.localdate())}
    assert len(rows) > 100  # Nghệ An's communes and wards
    assert rows[cast.commune.pk].tips_overdue == 2
    assert rows[world.second.pk].tips_overdue == 1
    assert sum(r.tips_overdue for r in rows.values()) == 3
    assert rows[cast.commune.pk].inspected == 2
    assert sum(r.inspected for r in rows.values()) == 3


def test_measures_by_unit_agree_with_their_totals(world):
    cast = world.cast
    today = timezone.localdate()
    start = today.replace(month=1, day=1)
    for measure in MEASURES.values():
        if measure.kind != "count":
            continue
        parts = measure.by_unit([cast.commune.pk, world.second.pk], start, today)
        assert parts[cast.commune.pk] == measure.total([cast.commune.pk], start, today)
        assert parts[world.second.pk] == measure.total([world.second.pk], start, today)


@pytest.mark.parametrize("role", ["coordinator", "viewer", "reporter", "inspector", "police"])
def test_roles_with_a_dashboard_see_their_area(client, world, role):
    cast = world.cast
    client.force_login(cast.inside[role])
    response = client.get(reverse("monitoring:dashboard"))
    assert response.status_code == 200
    assert response.context["area"].unit == cast.province
    figures = figures_of(response)
    # Counts only: the link to the records is there only for who may read them.
    assert bool(figures["tips_overdue"].url) == (role in ("coordinator", "police"))
    assert bool(figures["establishments_inspected"].url) == (
        role in ("coordinator", "inspector", "police")
    )
    assert figures["tips_overdue"].value == 3


def test_a_case_worker_has_no_dashboard(client, world):
    client.force_login(world.cast.inside["case_worker"])
    assert client.get(reverse("monitoring:dashboard")).status_code == 403
    assert client.get(reverse("monitoring:map")).status_code == 403
    url = reverse("monitoring:trend", args=["tips_received"])
    assert client.get(url).status_code == 403


def test_outside_the_jurisdiction_is_not_found(client, world):
    cast = world.cast
    client.force_login(cast.outside["coordinator"])
    for name in ("monitoring:dashboard", "monitoring:map"):
        url = reverse(name) + f"?unit={cast.province.pk}"
        assert client.get(url).status_code == 404
    response = client.get(reverse("monitoring:dashboard"))
    assert response.context["area"].unit == cast.other_province
    figures = figures_of(response)
    assert figures["tips_overdue"].value == 1  # only its own
    assert figures["reports_missing"].value == 0
    # A commune's users cannot climb to the province.
    client.force_login(cast.in_commune["viewer"])
    url = reverse("monitoring:dashboard") + f"?unit={cast.province.pk}"
    assert client.get(url).status_code == 404
    assert client.get(reverse("monitoring:dashboard")).context["area"].unit == cast.commune


def test_bad_parameters_are_not_errors(client, world):
    client.force_login(world.cast.inside["coordinator"])
    assert client.get(reverse("monitoring:dashboard") + "?unit=abc").status_code == 404
    assert client.get(reverse("monitoring:dashboard") + "?unit=999999999").status_code == 404
    assert client.get(reverse("monitoring:map") + "?measure=nope").status_code == 404
    assert client.get(reverse("monitoring:map") + "?year=1900").status_code == 404
    assert client.get(reverse("monitoring:trend", args=["nope"])).status_code == 404
    assert client.get(reverse("monitoring:reports", args=["nope"])).status_code == 404
    url = reverse("monitoring:dashboard_export", args=["nope", "csv"])
    assert client.get(url).status_code == 404
    url = reverse("monitoring:dashboard_export", args=["figures", "doc"])
    assert client.get(url).status_code == 404


def test_leader_dashboard_is_compact(client, world):
    cast = world.cast
    client.force_login(cast.inside["viewer"])
    page = client.get(reverse("monitoring:dashboard")).content.decode()
    assert "dash-leader" in page
    assert 'class="units"' not in page  # the long table is on the map page for leaders
    client.force_login(cast.inside["coordinator"])
    page = client.get(reverse("monitoring:dashboard")).content.decode()
    assert "dash-leader" not in page
    assert 'class="units"' in page


def test_menu_links_the_dashboard(client, world):
    client.force_login(world.cast.inside["viewer"])
    page = client.get(reverse("home")).content.decode()
    assert reverse("monitoring:dashboard") in page
    client.force_login(world.cast.inside["case_worker"])
    page = client.get(reverse("home")).content.decode()
    assert reverse("monitoring:dashboard") not in page


def test_targets_show_value_target_and_status(client, world):
    client.force_login(world.cast.inside["viewer"])
    response = client.get(reverse("monitoring:dashboard"))
    progress = response.context["progress"]
    assert [plan.number for plan, _items in progress] == ["99/KH-TEST"]
    page = response.content.decode()
    assert "Kiểm tra ít nhất 20% số cơ sở" in page
    assert "st-no_data" in page  # no indicator measures it yet


def test_query_counts_do_not_grow_with_the_records(client, world, django_assert_num_queries):
    from .conftest import make_establishment, make_tip

    cast = world.cast
    client.force_login(cast.inside["coordinator"])
    url = reverse("monitoring:dashboard")
    with django_assert_num_queries(QUERIES["dashboard"]):
        client.get(url)
    today = timezone.localdate()
    for i in range(15):
        make_tip(world.second, today - datetime.timedelta(days=60 + i))
        make_establishment(cast.commune, f"Cơ sở {i}", [today], cast.province_agency)
    with django_assert_num_queries(QUERIES["dashboard"]):
        client.get(url)


# 26 before the people register's figures (2 totals, 2 GROUP BYs of 2 queries for the
# table by unit) and the communes lành mạnh (the latest assessed year) came: 33. The
# inspections' monthly tallies add, per figure read from them, one probe for records
# after the period's end in its month, and for coverage the few inspected while closed: 38.
# Each target's completeness (which units are asked for what: five queries; who reported
# in each period: one) adds six per plan shown (at most three plans); the late tasks of the
# active plans (lead agencies' tasks, duties, recorded progress) three more: 44.
QUERIES = {"dashboard": 44}


def test_a_leader_sees_a_few_targets_and_a_link_to_the_rest():
    from lanhmanh.monitoring.pages import shown_targets

    progress = [("plan A", list(range(5))), ("plan B", list(range(4))), ("plan C", [0, 1])]
    assert shown_targets(progress, None) == [(p, items, 0) for p, items in progress]
    assert shown_targets(progress, 6) == [
        ("plan A", [0, 1, 2, 3, 4], 0),
        ("plan B", [0], 3),
        ("plan C", [0], 1),  # every plan keeps its first row
    ]
    assert shown_targets(progress, 3) == [
        ("plan A", [0, 1, 2], 2),
        ("plan B", [0], 3),
        ("plan C", [0], 1),
    ]


def test_leader_dashboard_links_the_targets_it_leaves_out(client, world):
    from lanhmanh.monitoring.pages import LEADER_TARGET_ROWS
    from lanhmanh.plans.models import Target

    for i in range(LEADER_TARGET_ROWS + 2):
        Target.objects.create(
            plan=world.plan, text=f"Chỉ tiêu thêm {i}", kind="count", op="ge", value=1
        )
    client.force_login(world.cast.inside["viewer"])
    response = client.get(reverse("monitoring:dashboard"))
    [(plan, shown, more)] = response.context["progress_shown"]
    assert (len(shown), more) == (LEADER_TARGET_ROWS, 3)
    assert reverse("plans:detail", args=[plan.pk]) in response.content.decode()
    client.force_login(world.cast.inside["coordinator"])
    [(plan, shown, more)] = client.get(reverse("monitoring:dashboard")).context["progress_shown"]
    assert (len(shown), more) == (LEADER_TARGET_ROWS + 3, 0)


def test_leader_pdf_stays_one_page_with_many_targets(client, world):
    import io

    from pypdf import PdfReader

    from lanhmanh.plans.models import Target

    for i in range(25):
        Target.objects.create(
            plan=world.plan,
            text=f"Chỉ tiêu thêm số {i} với một câu dài như trong kế hoạch thật của tỉnh",
            kind="count",
            op="ge",
            value=1,
        )
    client.force_login(world.cast.inside["viewer"])
    pdf = client.get(reverse("monitoring:dashboard_pdf"))
    reader = PdfReader(io.BytesIO(pdf.content))
    assert len(reader.pages) == 1
    # Words, not lines: a label may wrap in its tile.
    text = " ".join(reader.pages[0].extract_text().split())
    assert "Còn 20 chỉ tiêu khác" in text
    assert "Xã, phường lành mạnh" in text and "Người được tiếp cận dịch vụ hỗ trợ" in text

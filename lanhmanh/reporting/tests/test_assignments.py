"""Who reports what: the coordinator's matrix of reporting units × indicators over the
rules' proposal; the report forms then ask exactly the assigned indicators."""

from decimal import Decimal

import pytest
from django.contrib.contenttypes.models import ContentType
from django.urls import reverse

from lanhmanh.activities import actions as activity_actions
from lanhmanh.audit.models import Change
from lanhmanh.indicators.models import IndicatorAssignment
from lanhmanh.reporting import actions
from lanhmanh.reporting.actions import ValueInput
from lanhmanh.reporting.queries import proposed_codes, report_indicators, unit_codes

from .test_cycle import cycle, report_of  # noqa: F401 - the fixture

pytestmark = pytest.mark.django_db

HEALTH = "Sở Y tế tỉnh Nghệ An"
EDUCATION = "Sở Giáo dục và Đào tạo tỉnh Nghệ An"
PAPER = "Báo Nghệ An"


def _cells(codes: dict[int, set[str]], agency_id: int, shown: set[str]) -> list[str]:
    return [f"{agency_id}:{code}" for code in sorted(codes[agency_id] & shown)]


def test_the_demo_gives_health_and_education_their_own_indicators(cycle):  # noqa: F811
    plan, _users = cycle
    health = report_of(plan, HEALTH).agency
    education = report_of(plan, EDUCATION).agency
    proposal = proposed_codes(plan)
    # The rules find none of the plan's targets in their duties…
    # (the fixture's own t_… indicators are unknown to the rules: asked of everyone)
    assert {c for c in proposal[health.pk] if not c.startswith("t_")} == set()
    assert {c for c in proposal[education.pk] if not c.startswith("t_")} == set()
    # …the demo's coordinator gave them the indicators of their work.
    codes = unit_codes(plan)
    assert {"staff_trained_pct", "conferences_held", "supervision_visits"} <= codes[health.pk]
    assert {"students_reached_pct", "conferences_held"} <= codes[education.pk]
    asked = {i.code for i in report_indicators(report_of(plan, EDUCATION))}
    assert {"students_reached_pct", "students_reached", "students_total"} <= asked
    # Only differences from the proposal are stored, each with its history.
    stored = IndicatorAssignment.objects.filter(plan=plan)
    assert set(stored.values_list("agency_id", flat=True)) == {health.pk, education.pk}
    assert all(a.assigned for a in stored)
    kind = ContentType.objects.get_for_model(IndicatorAssignment)
    assert Change.objects.filter(content_type=kind).count() == stored.count()


def test_the_coordinator_adds_and_removes_and_values_are_kept(client, cycle):  # noqa: F811
    plan, users = cycle
    paper = report_of(plan, PAPER)
    # The newspaper published its articles (the register counts them) before the change.
    for n in range(7):
        activity_actions.create_activity(
            None,
            kind="media",
            medium="article",
            title=f"Bài viết số {n + 1}",
            held_on=paper.period.start,
            unit=paper.agency.jurisdiction,
            organiser=paper.agency,
        )
    actions.save_report(
        users["coordinator"], paper, version=paper.version, values={"media_items": ValueInput(7)}
    )
    before = unit_codes(plan)
    assert "media_items" in before[paper.agency_id]
    url = reverse("reporting:assignments", args=[plan.pk])
    client.force_login(users["coordinator"])
    page = client.get(url, {"add": "officials_reached_pct"})
    assert page.status_code == 200
    shown = {row.indicator.code for row in page.context["rows"]}
    assert {"media_items", "officials_reached_pct"} <= shown
    cells = [c for pk in before for c in _cells(before, pk, shown)]
    cells.remove(f"{paper.agency_id}:media_items")
    cells.append(f"{paper.agency_id}:officials_reached_pct")
    response = client.post(url, {"row": sorted(shown), "cell": cells})
    assert response.status_code == 302
    after = unit_codes(plan)
    assert after[paper.agency_id] == before[paper.agency_id] - {"media_items"} | {
        "officials_reached_pct"
    }
    # Nobody else changed.
    assert all(after[pk] == before[pk] for pk in before if pk != paper.agency_id)
    # The form asks exactly the assigned indicators (a percent with its parts)…
    asked = {i.code for i in report_indicators(paper)}
    assert "media_items" not in asked
    assert {"officials_reached_pct", "officials_reached", "officials_total"} <= asked
    form = client.get(reverse("reporting:report", args=[paper.pk]))
    counts = [i for i in report_indicators(paper) if i.kind != "percent"]
    typed = {i.code for i in counts if i.source != "computed"}
    assert {row[0].code for row in form.context["rows"]} == typed
    registered = {i.code for i in counts if i.source == "computed"}
    assert {row[0].code for row in form.context["register_rows"]} == registered
    # …and the value entered before stays in the report.
    assert paper.values.get(indicator__code="media_items").value == Decimal(7)
    # Ticking it again, as the rules propose, leaves no assignment behind for it.
    cells.append(f"{paper.agency_id}:media_items")
    client.post(url, {"row": sorted(shown), "cell": cells})
    assert "media_items" in unit_codes(plan)[paper.agency_id]
    assert not IndicatorAssignment.objects.filter(
        plan=plan, agency=paper.agency, indicator__code="media_items"
    ).exists()
    kind = ContentType.objects.get_for_model(IndicatorAssignment)
    notes = list(Change.objects.filter(content_type=kind).values_list("action", flat=True))
    assert notes.count("deleted") == 1 and notes.count("created") >= 3  # the demo's, and ours
    # A POST that names no rows changes nothing.
    stored = IndicatorAssignment.objects.filter(plan=plan).count()
    current = unit_codes(plan)
    assert client.post(url, {}).status_code == 302
    assert unit_codes(plan) == current
    assert IndicatorAssignment.objects.filter(plan=plan).count() == stored


def test_bad_input_is_refused_with_a_reason(client, cycle):  # noqa: F811
    plan, users = cycle
    url = reverse("reporting:assignments", args=[plan.pk])
    client.force_login(users["coordinator"])
    before = unit_codes(plan)
    for data in (
        {"row": ["no_such_indicator"], "cell": []},
        {"row": ["media_items"], "cell": ["999999:media_items"]},
    ):
        response = client.post(url, data, follow=True)
        assert response.status_code == 200
        assert [m.level_tag for m in response.context["messages"]] == ["error"]
    assert unit_codes(plan) == before


def test_access(client, cycle, django_user_model):  # noqa: F811
    from lanhmanh.agencies.roles import Role
    from lanhmanh.testing import make_agency, make_user, unit

    plan, users = cycle
    url = reverse("reporting:assignments", args=[plan.pk])
    other = make_agency(unit("42"), name="Sở Y tế tỉnh Hà Tĩnh")
    stranger = make_user(Role.COORDINATOR, other, username="coordinator_ha_tinh")
    client.force_login(stranger)
    assert client.get(url).status_code == 404
    assert client.post(url, {"row": ["media_items"]}).status_code == 404
    client.force_login(users["viewer"])
    page = client.get(url)
    assert page.status_code == 200 and not page.context["editable"]
    assert "disabled" in page.content.decode()
    assert client.post(url, {"row": ["media_items"]}).status_code == 403
    client.force_login(users["coordinator"])
    page = client.get(reverse("plans:detail", args=[plan.pk]))
    assert url in page.content.decode()


def test_the_matrix_takes_a_fixed_number_of_queries(client, cycle, django_assert_num_queries):  # noqa: F811
    plan, users = cycle
    url = reverse("reporting:assignments", args=[plan.pk])
    client.force_login(users["coordinator"])
    client.get(url)  # sessions, caches
    with django_assert_num_queries(QUERIES):
        small = client.get(url)
    # More assignments, more rows and more units: the same number of queries.
    codes = unit_codes(plan)
    extra = {"posters_produced", "models_maintained", "jobs_provided"}
    wanted = {pk: mine | extra for pk, mine in codes.items()}
    actions.set_indicator_assignments(
        users["coordinator"], plan, wanted, set().union(*wanted.values())
    )
    with django_assert_num_queries(QUERIES):
        big = client.get(url, {"add": "cases_tried"})
    assert len(big.context["rows"]) == len(small.context["rows"]) + len(extra) + 1


# The door's answer on the plan (reporting.assign: its area) is one of them.
QUERIES = 18

"""The dashboard's figures from the people register (the one published table: counts below
5 and those that would reveal them hidden on the page, in the exports and the PDF; the
records only for the case team) and from the
commune assessments (% of communes lành mạnh in the latest year, with its change)."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from lanhmanh.agencies.models import Membership
from lanhmanh.assessments import indicators
from lanhmanh.assessments.tests.factories import default_set, make_assessment
from lanhmanh.people.models import Service, ServiceKind, ServiceStatus
from lanhmanh.people.suppression import SUPPRESSED as X
from lanhmanh.people.testing import make_case

pytestmark = pytest.mark.django_db
PEOPLE_FIGURES = ("people_reached", "open_cases")


def figures_of(response) -> dict:
    return {f.key: f for f in response.context["figures"]}


def serve(case, status=ServiceStatus.ACCEPTED, on=None, provider=None):
    return Service.objects.create(
        case=case,
        kind=ServiceKind.VOCATIONAL_TRAINING,
        provider=provider or case.team,
        status=status,
        referred_on=on or timezone.localdate(),
    )


@pytest.fixture
def people(world):
    """Six open cases in the cast's commune (five people reached this year, one referral
    declined) and three in the second commune (two reached, one reached only last year)."""
    cast = world.cast
    today = timezone.localdate()
    inside = cast.inside["case_worker"]
    for i in range(6):
        case = make_case(cast, full_name=f"Người Thử {i}", id_number=f"0401900{i:05d}")
        serve(case, ServiceStatus.DECLINED if i == 5 else ServiceStatus.ACCEPTED)
        if i == 0:
            serve(case, ServiceStatus.DELIVERED)  # the same person twice: counted once
    for i in range(3):
        case = make_case(
            cast,
            worker=inside,
            commune=world.second,
            team=cast.province_agency,
            full_name=f"Người Khác {i}",
            id_number=f"0401910{i:05d}",
        )
        last_year = today.replace(year=today.year - 1, month=6, day=1)
        serve(case, on=last_year if i == 2 else today)
    return world


def test_people_figures_count_and_suppress_below_five(client, people):
    cast = people.cast
    client.force_login(cast.inside["coordinator"])
    response = client.get(reverse("monitoring:dashboard"))
    figures = figures_of(response)
    assert figures["people_reached"].value == 7
    assert figures["open_cases"].value == 9
    # Counts only outside the case team: no link to the records, even for a coordinator.
    assert figures["people_reached"].url is None and figures["open_cases"].url is None
    rows = {r.unit.pk: r for r in response.context["rows"]}
    # The second commune's 2 people and 3 cases are hidden, and so are the cast commune's
    # 5 and 6: the province's 7 and 9 minus them would give the small ones back.
    assert (rows[people.second.pk].people_reached, rows[people.second.pk].open_cases) == (X, X)
    assert (rows[cast.commune.pk].people_reached, rows[cast.commune.pk].open_cases) == (X, X)
    assert all(
        (r.people_reached, r.open_cases) == (0, 0)
        for pk, r in rows.items()
        if pk not in (cast.commune.pk, people.second.pk)
    )
    # The second commune alone: both figures hidden, as in the province's table.
    response = client.get(reverse("monitoring:dashboard") + f"?unit={people.second.pk}")
    figures = figures_of(response)
    assert figures["people_reached"].value == X
    assert figures["open_cases"].value == X
    url = reverse("monitoring:dashboard_export", args=["figures", "csv"])
    lines = client.get(url + f"?unit={people.second.pk}").content.decode().splitlines()
    for key in PEOPLE_FIGURES:
        assert f"{figures[key].label},{X}" in lines


def test_suppressed_in_every_export(client, people):
    import io

    import openpyxl
    from pypdf import PdfReader

    cast = people.cast
    client.force_login(cast.inside["coordinator"])
    units_csv = client.get(reverse("monitoring:dashboard_export", args=["units", "csv"]))
    line = next(
        row for row in units_csv.content.decode().splitlines() if row.startswith(people.second.name)
    )
    assert line.endswith(f",{X},{X}"), line
    xlsx = client.get(reverse("monitoring:dashboard_export", args=["figures", "xlsx"]))
    sheet = openpyxl.load_workbook(io.BytesIO(xlsx.content)).active
    values = {row[0]: row[1] for row in sheet.iter_rows(min_row=2, values_only=True)}
    assert 7 in values.values() and 9 in values.values()
    second = f"?unit={people.second.pk}"
    xlsx = client.get(reverse("monitoring:dashboard_export", args=["figures", "xlsx"]) + second)
    sheet = openpyxl.load_workbook(io.BytesIO(xlsx.content)).active
    assert list(sheet.iter_rows(min_row=2, values_only=True))[-3:-1] == [
        (str(figures_label("people_reached", client, second)), X),
        (str(figures_label("open_cases", client, second)), X),
    ]
    pdf = client.get(reverse("monitoring:dashboard_pdf") + second)
    text = "".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf.content)).pages)
    assert f" {X}" in text
    # The map's comparison and the month-by-month trend: hidden in the tables, not drawn.
    url = reverse("monitoring:map") + "?measure=people_reached&format=csv"
    body = client.get(url).content.decode()
    assert f"{people.second.name},{people.second.code},{X}" in body
    assert f"{cast.commune.name},{cast.commune.code},{X}" in body
    page = client.get(reverse("monitoring:map") + "?measure=people_reached")
    shown = {row["unit"].pk: row for row in page.context["rows"]}
    from lanhmanh.monitoring.charts import NO_DATA

    assert shown[people.second.pk]["value"] == X and shown[people.second.pk]["fill"] == NO_DATA
    url = reverse("monitoring:trend", args=["people_reached"]) + second + "&format=csv"
    body = client.get(url).content.decode()
    assert body.strip().endswith(f",{X}")


def figures_label(key, client, query):
    response = client.get(reverse("monitoring:dashboard") + query)
    return figures_of(response)[key].label


def test_the_case_team_drills_down_to_exactly_the_records_counted(client, people):
    cast = people.cast
    # A viewer who also works in the province's case team.
    user = cast.inside["viewer"]
    Membership.objects.create(user=user, agency=cast.province_agency, role="case_worker")
    client.force_login(user)
    for unit in (None, cast.commune.pk, people.second.pk):
        query = f"?unit={unit}" if unit else ""
        response = client.get(reverse("monitoring:dashboard") + query)
        figures = figures_of(response)
        reached = client.get(figures["people_reached"].url)
        assert reached.status_code == 200
        counted = reached.context["reached"]["people"]
        value = figures["people_reached"].value
        # The figure is the count of the list, or hidden (a small count, or one that
        # would give a small one back).
        assert value == {None: 7, cast.commune.pk: X, people.second.pk: X}[unit]
        assert counted == {None: 7, cast.commune.pk: 5, people.second.pk: 2}[unit]
        open_cases = client.get(figures["open_cases"].url).context["page"].paginator.count
        assert open_cases == {None: 9, cast.commune.pk: 6, people.second.pk: 3}[unit]
    # The rows of the table by commune drill down the same way.
    client.force_login(cast.inside["coordinator"])
    response = client.get(reverse("monitoring:dashboard"))
    assert all(r.people_reached_url is None for r in response.context["rows"])


def test_communes_healthy_figure_equals_the_assessments_it_drills_down_to(client, world):
    cast = world.cast
    default_set()
    coordinator = cast.inside["coordinator"]
    year = timezone.localdate().year - 1
    make_assessment(coordinator, cast.commune, year, healthy=True)
    make_assessment(coordinator, world.second, year, healthy=False)
    # The year before, the historic commune (merged into the cast's commune in 2025).
    if world.historic is not None and year - 1 < 2025:
        make_assessment(coordinator, world.historic, year - 1, healthy=True)
    client.force_login(coordinator)
    for unit in (None, cast.commune.pk, world.second.pk):
        query = f"?unit={unit}" if unit else ""
        figure = figures_of(client.get(reverse("monitoring:dashboard") + query))["communes_healthy"]
        area = [unit or cast.province.pk]
        start, end = datetime.date(year, 1, 1), datetime.date(year, 12, 31)
        assert figure.value == indicators.communes_healthy_share(area, start, end)
        assert str(year) in figure.label
        listed = client.get(figure.url)
        assert listed.status_code == 200
        assert listed.context["page"].paginator.count == figure.count, unit
        assert figure.count == {None: 1, cast.commune.pk: 1, world.second.pk: 0}[unit]
        assert figure.trend_url.startswith(reverse("assessments:trend"))
    commune = figures_of(client.get(reverse("monitoring:dashboard") + f"?unit={cast.commune.pk}"))
    assert commune["communes_healthy"].value == 100.0
    # The change on the year before (the historic commune's own assessment then).
    if year - 1 < 2025:
        assert "▲" in commune["communes_healthy"].note or "=" in commune["communes_healthy"].note


def test_communes_healthy_measure_agrees_with_the_assessments_indicator(world):
    from lanhmanh.monitoring.figures import MEASURES

    cast = world.cast
    default_set()
    year = timezone.localdate().year - 1
    make_assessment(cast.inside["coordinator"], cast.commune, year, healthy=True)
    start, end = datetime.date(year, 1, 1), datetime.date(year, 12, 31)
    measure = MEASURES["communes_healthy"]
    for area in ([cast.province.pk], [cast.commune.pk], [world.second.pk]):
        assert measure.total(area, start, end) == indicators.communes_healthy_share(
            area, start, end
        )
    parts = measure.by_unit([cast.commune.pk, world.second.pk], start, end)
    assert parts == {cast.commune.pk: 100.0, world.second.pk: 0.0}


def test_no_assessment_shows_a_dash(client, world):
    client.force_login(world.cast.inside["viewer"])
    response = client.get(reverse("monitoring:dashboard"))
    figure = figures_of(response)["communes_healthy"]
    assert figure.value is None and figure.url is None
    assert 'data-figure="communes_healthy">—' in response.content.decode()


def test_bad_drill_down_parameters_are_not_errors(client, people):
    client.force_login(people.cast.inside["case_worker"])
    for query in ("unit=abc", "reached_from=nope&reached_to=2026-13-40", "unit=-4", "unit=1e9"):
        response = client.get(reverse("people:list") + "?" + query)
        assert response.status_code == 200, query
    # A unit outside the worker's area lists nothing (the cases stay scoped).
    url = reverse("people:list") + f"?unit={people.outside.pk}&status=open"
    assert client.get(url).context["page"].paginator.count == 0

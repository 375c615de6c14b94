"""A value a register computes links to the records behind it: the register's list,
narrowed to the unit's area and the year to the period's end."""

from urllib.parse import parse_qs, urlparse

import pytest
from django.urls import reverse

from lanhmanh.indicators.models import Indicator
from lanhmanh.reporting import actions
from lanhmanh.reporting.models import ReportValue
from lanhmanh.reporting.queries import register_values

from .test_cycle import cycle, report_of  # noqa: F401 - the fixture

pytestmark = pytest.mark.django_db


def _computed_plan(plan):
    from lanhmanh.hotspots.demo import load_demo_hotspots
    from lanhmanh.inspections.demo import load_demo_inspections

    load_demo_inspections()
    load_demo_hotspots()
    target = plan.targets.get(kind="percent", op="ge", value=30)
    target.indicator_code = "establishments_inspected_pct"
    target.save()
    hotspots = plan.targets.filter(indicator_code="hotspots_broken_up").first()
    assert hotspots is not None


def _by_code(values):
    codes = dict(Indicator.objects.filter(pk__in=values).values_list("pk", "code"))
    return {codes[pk]: value for pk, value in values.items()}


def test_computed_values_link_to_their_records(client, cycle):  # noqa: F811
    plan, users = cycle
    _computed_plan(plan)
    report = report_of(plan, "Ủy ban nhân dân phường Thành Vinh", key="2026-H1")
    client.force_login(users["coordinator"])
    version = report.version
    page = client.get(reverse("reporting:report", args=[report.pk]))
    assert page.status_code == 200
    # A GET shows the registers' figures and writes nothing: they are stored on save.
    assert not ReportValue.objects.filter(report=report).exists()
    report.refresh_from_db()
    assert report.version == version
    links = {row[0].code: row[4] for row in page.context["rows"]}
    links |= {row[0].code: row[3] for row in page.context["register_rows"]}
    computed = _by_code(register_values(report))
    shown = {row[0].code: row[1] for row in page.context["register_rows"]}
    assert shown["establishments_active"] == computed["establishments_active"]
    assert "establishments_active" in computed and "hotspots_broken_up" in computed
    shown = {"establishments_active", "establishments_inspected", "hotspots_broken_up"}
    assert shown <= set(links) and all(links[code] for code in shown)
    assert not any(links[i.code] for i in Indicator.objects.filter(code__in=links, compute=""))
    area = str(report.agency.jurisdiction_id)

    active = urlparse(links["establishments_active"])
    query = parse_qs(active.query)
    assert active.path == reverse("inspections:list")
    assert query == {"area": [area], "from": ["2026-01-01"], "to": ["2026-06-30"]}
    listed = client.get(links["establishments_active"])
    assert listed.status_code == 200
    assert computed["establishments_active"] > 0
    assert listed.context["page"].paginator.count == computed["establishments_active"]
    everywhere = client.get(reverse("inspections:list")).context["page"].paginator.count
    assert everywhere > computed["establishments_active"]
    inspected = client.get(links["establishments_inspected"])
    assert 0 < computed["establishments_inspected"] < computed["establishments_active"]
    assert inspected.context["page"].paginator.count == computed["establishments_inspected"]

    assert links["hotspots_broken_up"] in page.content.decode().replace("&amp;", "&")
    # The police report the province's hotspots: the link lists those broken up this year.
    police = report_of(plan, "Công an tỉnh Nghệ An", key="2026-H1")
    page = client.get(reverse("reporting:report", args=[police.pk]))
    link = next(
        row[3] for row in page.context["register_rows"] if row[0].code == "hotspots_broken_up"
    )
    value = _by_code(register_values(police))["hotspots_broken_up"]
    broken_up = client.get(link)
    assert broken_up.status_code == 200
    assert value > 0 and broken_up.context["page"].paginator.count == value

    # Bad parameters are ignored, never an error page.
    for url in ("inspections:list", "hotspots:list", "tips:list"):
        response = client.get(reverse(url), {"area": "x", "from": "31/02/2026", "to": "no"})
        assert response.status_code == 200


def test_the_api_gives_the_records_url(client, cycle):  # noqa: F811
    plan, users = cycle
    _computed_plan(plan)
    report = report_of(plan, "Ủy ban nhân dân phường Trường Vinh", key="2026-H1")
    actions.prefill_computed(report)
    client.force_login(users["coordinator"])
    data = client.get(f"/api/v1/reports/{report.pk}").json()
    values = {v["indicator"]: v for v in data["values"]}
    assert values["establishments_active"]["records_url"].startswith(reverse("inspections:list"))
    assert "area=" in values["establishments_active"]["records_url"]
    assert all(v["records_url"] is None for v in values.values() if not v["computed"])


def test_every_register_link_lists_as_many_records_as_its_figure(client, cycle):  # noqa: F811
    import datetime

    from lanhmanh.indicators.registry import compute, records_url, registered
    from lanhmanh.sanctions.demo import load_demo_sanctions
    from lanhmanh.tips.demo import load_demo_tips

    plan, users = cycle
    _computed_plan(plan)
    load_demo_sanctions()
    load_demo_tips()
    client.force_login(users["coordinator"])
    area = report_of(plan, "Ủy ban nhân dân phường Thành Vinh").agency.jurisdiction_id
    end = datetime.date(2026, 12, 31)
    counted = {
        "inspections.inspections_held",
        "inspections.establishments_active",
        "inspections.establishments_inspected",
        "hotspots.broken_up",
        "tips.received",
        "sanctions.imposed",
    }
    assert all(registered()[name].records for name in counted)
    seen = 0
    for name in sorted(counted):
        indicator = Indicator.objects.filter(compute=name).first()
        assert indicator is not None, name
        url = records_url(indicator, area, end, users["coordinator"])
        response = client.get(url)
        assert response.status_code == 200, url
        figure = compute(indicator, {area}, end)
        assert response.context["page"].paginator.count == figure, (name, url)
        seen += int(figure > 0)
    assert seen >= 3  # the demo registers have records in this ward
    # No link for a user who may not read the register.
    indicator = Indicator.objects.get(compute="inspections.inspections_held")
    assert records_url(indicator, area, end, users["reporter"]) is None


def test_the_kept_clear_link_lists_exactly_the_hotspots_counted(client, cycle):  # noqa: F811
    """Kept from recurring: cleared before the year began and not recurred up to the end
    of the period. The link carries those dates, not the dates of a break-up."""
    import datetime

    from lanhmanh.indicators.registry import compute, records_url

    plan, users = cycle
    _computed_plan(plan)
    client.force_login(users["coordinator"])
    indicator = Indicator.objects.get(compute="hotspots.kept_clear")
    area = plan.jurisdiction_id
    end = datetime.date(2026, 6, 30)
    url = records_url(indicator, area, end, users["coordinator"])
    query = parse_qs(urlparse(url).query)
    assert query == {"area": [str(area)], "kept_from": ["2026-01-01"], "kept_to": ["2026-06-30"]}
    figure = compute(indicator, {area}, end)
    listed = client.get(url)
    assert listed.status_code == 200
    assert figure > 0 and listed.context["page"].paginator.count == figure
    # The area alone lists more: hotspots still active, or broken up this year.
    in_area = client.get(reverse("hotspots:list"), {"area": area})
    assert in_area.context["page"].paginator.count > figure
    # Another year's window counts and lists another set, still count for count.
    earlier = datetime.date(2025, 12, 31)
    url = records_url(indicator, area, earlier, users["coordinator"])
    figure = compute(indicator, {area}, earlier)
    assert client.get(url).context["page"].paginator.count == figure
    # Bad dates are ignored, never an error page.
    response = client.get(reverse("hotspots:list"), {"kept_from": "x", "kept_to": "31/02/2026"})
    assert response.status_code == 200

"""The dashboards' figures are kept between two changes and counted again after one
(``monitoring.freshness``): a write through the web or the API, or a data-loading
command, makes the next dashboard count the registers again."""

import re
import threading
import time
from concurrent.futures import ThreadPoolExecutor

import pytest
from django.core.cache import caches
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from lanhmanh.inspections.models import Establishment, Inspection
from lanhmanh.monitoring import freshness
from lanhmanh.testing import make_agency, make_user

pytestmark = pytest.mark.django_db
URL = reverse("monitoring:dashboard")


@pytest.fixture
def keeping(settings):
    settings.LANHMANH_FIGURES_CACHE_SECONDS = 600
    caches["figures"].clear()
    yield
    caches["figures"].clear()


def inspected(client, url=URL) -> int:
    """The figure as the page shows it (a kept page is not rendered again, so its
    context holds no figures)."""
    response = client.get(url)
    assert response.status_code == 200
    shown = re.search(
        r'data-figure="establishments_inspected">(?:<a [^>]*>)?([\d.]+)', response.text
    )
    return int(shown.group(1).replace(".", ""))


def queries_of(client, url=URL) -> int:
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == 200
    return len(captured.captured_queries)


def test_a_second_look_reads_the_kept_figures(client, world, keeping):
    client.force_login(world.cast.inside["coordinator"])
    first, second = queries_of(client), queries_of(client)
    assert second < first / 2, (first, second)
    assert inspected(client) == 3


def test_a_change_through_the_api_is_counted_at_once(client, world, keeping):
    cast = world.cast
    client.force_login(cast.inside["coordinator"])
    assert inspected(client) == 3
    unvisited = Establishment.objects.get(name="Khách sạn chưa kiểm tra")
    team = make_agency(cast.province, "inspection_team", name="Đội kiểm tra liên ngành 178 tỉnh")
    inspector = make_user("inspector", team, username="inspector_of_the_team")
    writer = type(client)()
    writer.force_login(inspector)
    response = writer.post(
        "/api/v1/inspections",
        {
            "establishment_id": unvisited.pk,
            "team_id": team.pk,
            "inspected_on": timezone.localdate().isoformat(),
            "kind": "surprise",
            "findings": "Kiểm tra đột xuất, không phát hiện vi phạm.",
        },
        content_type="application/json",
    )
    assert response.status_code == 201, response.content
    assert inspected(client) == 4


def test_a_change_no_request_announced_waits_for_the_next_one(client, world, keeping):
    """What the cache is: a record changed behind the application's back (a script on
    the database) shows after the next write request or command, not before."""
    cast = world.cast
    client.force_login(cast.inside["coordinator"])
    assert inspected(client) == 3
    Inspection.objects.filter(establishment__name="Massage Thiên Thanh").delete()
    assert inspected(client) == 3
    call_command("rebuild_tallies", stdout=open("/dev/null", "w"))  # noqa: SIM115
    assert inspected(client) == 2


def test_figures_are_kept_per_user(client, world, keeping):
    cast = world.cast
    client.force_login(cast.inside["coordinator"])
    assert inspected(client) == 3
    other = type(client)()
    other.force_login(cast.outside["coordinator"])
    assert inspected(other) == 1  # the other province's own, not the kept ones
    area = f"{URL}?unit={cast.commune.pk}"
    assert inspected(client, area) == 2


def test_the_kept_page_is_kept_per_language(client, world, keeping, settings):
    client.force_login(world.cast.inside["coordinator"])
    before = freshness.generation()
    assert "Bảng điều khiển" in client.get(URL).text
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    english = client.get(URL).text
    assert "Targets of the active plans" in english and "Bảng điều khiển" not in english
    assert freshness.generation() == before  # kept apart by language, not by a change


def test_a_read_or_a_refused_write_does_not_bump(client, world, keeping):
    client.force_login(world.cast.inside["coordinator"])
    before = freshness.generation()
    client.get(URL)
    response = client.post("/api/v1/inspections", {}, content_type="application/json")
    assert response.status_code == 422
    assert freshness.generation() == before


def test_junk_posted_by_nobody_signed_in_does_not_bump(client, world, keeping):
    before = freshness.generation()
    assert client.post(reverse("tips:report"), {"content": "x"}).status_code in (200, 400)
    assert client.post("/api/v1/inspections", {}, content_type="application/json").status_code in (
        401,
        403,
    )
    assert freshness.generation() == before


def test_off_counts_every_time(client, world, settings):
    settings.LANHMANH_FIGURES_CACHE_SECONDS = 0
    client.force_login(world.cast.inside["coordinator"])
    assert queries_of(client) == queries_of(client)


def test_threads_asking_at_once_count_once(keeping, monkeypatch):
    monkeypatch.setattr(freshness, "generation", lambda: 7)
    counted = []
    started = threading.Event()

    def compute():
        started.set()
        time.sleep(0.3)  # long enough for the other threads to arrive meanwhile
        counted.append(1)
        return {"figure": 42}

    with ThreadPoolExecutor(4) as pool:
        first = pool.submit(freshness.kept, ("test", 1), compute)
        started.wait(5)
        others = [pool.submit(freshness.kept, ("test", 1), compute) for _ in range(3)]
        results = [first.result()] + [f.result() for f in others]
    assert results == [{"figure": 42}] * 4
    assert len(counted) == 1

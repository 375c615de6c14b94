"""Concurrency: requests at the same moment, each thread on its own database connection
(real transactions, committed), on SQLite and on PostgreSQL (CI runs both).

- two coordinators approving and returning the same report at once;
- twenty tips sent at once through the public form;
- two inspectors editing the same establishment, and recording inspections of it;

nothing lost, no 500, and the loser is told why. (The establishments API refuses a stale
``version`` with 409.)
"""

from __future__ import annotations

import datetime
import threading
from concurrent.futures import ThreadPoolExecutor

import pytest
from django.contrib.messages import get_messages
from django.db import connections
from django.test import Client

pytestmark = pytest.mark.django_db(transaction=True)


def at_once(*jobs):
    """Run the jobs in threads released together; their results, in order."""
    barrier = threading.Barrier(len(jobs))

    def run(job):
        try:
            barrier.wait(timeout=30)
            return job()
        finally:
            connections.close_all()

    with ThreadPoolExecutor(max_workers=len(jobs)) as pool:
        return [f.result(timeout=120) for f in [pool.submit(run, job) for job in jobs]]


@pytest.fixture
def demo(transactional_db):
    from lanhmanh.demo.replay import load_demo
    from lanhmanh.testing import make_cast

    load_demo()
    return make_cast()


def test_two_coordinators_approve_and_return_the_same_report(demo):
    from lanhmanh.reporting import actions
    from lanhmanh.reporting.models import ReportEvent, ReportStatus, UnitReport

    report = (
        UnitReport.objects.filter(period__plan__jurisdiction=demo.province)
        .filter(status=ReportStatus.DRAFT, period__plan__status="active")
        .first()
    )
    coordinator = demo.inside["coordinator"]
    actions.submit_report(coordinator, report, version=report.version)
    first, second = Client(), Client()
    first.force_login(coordinator)
    from django.contrib.auth import get_user_model

    second.force_login(get_user_model().objects.get(username="coordinator"))

    def approve():
        return first.post(f"/reports/{report.pk}/approve/")

    def give_back():
        return second.post(f"/reports/{report.pk}/return/", {"comment": "Thiếu số liệu quý II."})

    responses = at_once(approve, give_back)
    assert [r.status_code for r in responses] == [302, 302]
    report.refresh_from_db()
    events = list(
        ReportEvent.objects.filter(
            report=report,
            action__in=[ReportEvent.Action.APPROVED, ReportEvent.Action.RETURNED],
        ).values_list("action", flat=True)
    )
    assert len(events) == 1, events  # exactly one of the two happened…
    winner = events[0]
    assert report.status == (
        ReportStatus.APPROVED if winner == ReportEvent.Action.APPROVED else ReportStatus.RETURNED
    )
    # …and the other coordinator was told why.
    told = [
        [m.level_tag for m in get_messages(r.wsgi_request)] for r in responses
    ]  # one success, one error
    assert sorted(t[0] for t in told) == ["error", "success"], told


def test_twenty_tips_at_once_through_the_public_form(demo, settings):
    from lanhmanh.tips.models import Tip

    settings.TIP_RATE_LIMITS = {"report": (100, 3600), "status": (100, 3600)}
    url = f"/tips/report/?province={demo.province.pk}"

    def send(n):
        def job():
            client = Client(REMOTE_ADDR=f"10.0.0.{n + 1}")
            return client.post(
                url,
                {
                    "province": demo.province.pk,
                    "commune": demo.commune.pk,
                    "category": "prostitution",
                    "content": f"Tin báo đồng thời số {n}: có dấu hiệu môi giới mại dâm.",
                },
            )

        return job

    before = Tip.objects.count()
    responses = at_once(*[send(n) for n in range(20)])
    assert [r.status_code for r in responses] == [200] * 20
    saved = Tip.objects.filter(content__startswith="Tin báo đồng thời số")
    assert Tip.objects.count() == before + 20
    assert saved.values("reference").distinct().count() == 20
    # Each sender got the reference of their own tip.
    for n, response in enumerate(responses):
        tip = saved.get(content__startswith=f"Tin báo đồng thời số {n}:")
        assert tip.reference in response.content.decode()


def test_two_inspectors_edit_the_same_establishment(demo):
    from lanhmanh.agencies.models import Agency
    from lanhmanh.inspections.models import Establishment
    from lanhmanh.testing import make_user

    venue = Establishment.objects.filter(commune__province=demo.province).first()
    team = Agency.objects.get(name="Đội kiểm tra liên ngành 178 tỉnh Nghệ An")
    inspectors = [make_user("inspector", team) for _ in range(2)]
    clients = []
    for user in inspectors:
        client = Client()
        client.force_login(user)
        clients.append(client)
    read = [c.get(f"/api/v1/establishments/{venue.pk}").json() for c in clients]
    assert read[0]["version"] == read[1]["version"]

    def edit(client, data, **change):
        def job():
            return client.patch(
                f"/api/v1/establishments/{venue.pk}",
                {**{k: v for k, v in data.items() if k != "id"}, **change},
                content_type="application/json",
            )

        return job

    responses = at_once(
        edit(clients[0], read[0], owner="Chủ mới A"),
        edit(clients[1], read[1], address="Số 99 đường mới B"),
    )
    codes = sorted(r.status_code for r in responses)
    assert codes == [200, 409], [r.content for r in responses]
    loser = next(r for r in responses if r.status_code == 409)
    assert loser.json()["detail"].strip()  # the reason, for the loser
    venue.refresh_from_db()
    winner = next(r for r in responses if r.status_code == 200).json()
    assert (venue.owner, venue.address) == (winner["owner"], winner["address"])
    # The loser reloads and applies the change: both changes are there.
    fresh = clients[0].get(f"/api/v1/establishments/{venue.pk}").json()
    again = clients[0].patch(
        f"/api/v1/establishments/{venue.pk}",
        {**{k: v for k, v in fresh.items() if k != "id"}, "owner": "Chủ mới A"},
        content_type="application/json",
    )
    assert again.status_code == 200
    venue.refresh_from_db()
    assert venue.owner == "Chủ mới A"


def test_two_inspections_of_one_establishment_at_once_are_both_kept(demo):
    from lanhmanh.agencies.models import Agency
    from lanhmanh.inspections.models import Establishment, Inspection, InspectionTally
    from lanhmanh.testing import make_user

    venue = Establishment.objects.filter(commune__province=demo.province).first()
    team = Agency.objects.get(name="Đội kiểm tra liên ngành 178 tỉnh Nghệ An")
    before = Inspection.objects.filter(establishment=venue).count()

    def record(day):
        def job():
            client = Client()
            client.force_login(make_user("inspector", team))
            return client.post(
                "/api/v1/inspections",
                {
                    "establishment_id": venue.pk,
                    "team_id": team.pk,
                    "inspected_on": f"2026-03-{day:02d}",
                    "kind": "surprise",
                    "findings": f"Kiểm tra đột xuất ngày {day}.",
                },
                content_type="application/json",
            )

        return job

    # Users are made inside the threads' own transactions, one each.
    responses = at_once(record(2), record(3))
    assert [r.status_code for r in responses] == [201, 201], [r.content for r in responses]
    assert Inspection.objects.filter(establishment=venue).count() == before + 2
    # The commune's monthly tally counted both, not just the later writer's view.
    march = Inspection.objects.filter(
        establishment__commune=venue.commune_id, inspected_on__year=2026, inspected_on__month=3
    )
    tally = InspectionTally.objects.get(commune=venue.commune_id, month=datetime.date(2026, 3, 1))
    assert (tally.inspections, tally.establishments) == (
        march.count(),
        march.values("establishment").distinct().count(),
    )


def test_threads_use_their_own_connections():
    """The helper is what makes these tests concurrent at all."""
    first, second = at_once(lambda: connections["default"], lambda: connections["default"])
    assert first is not second and first is not connections["default"]

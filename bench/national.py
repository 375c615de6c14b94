"""Benchmark on the national dataset: ``python -m bench.national`` (part of `make bench`).

Needs ``DATABASE_URL`` of a PostgreSQL database (exits 2 otherwise). Generates the national
dataset there if it is not there yet (``lanhmanh demo --scale national``; the share of the
national counts from ``LANHMANH_NATIONAL_FRACTION``, default 1.0), makes the users it
needs, then measures and writes one JSON under bench/results/:

a. pages: the monitoring dashboard of a national leader and of a provincial coordinator,
   and the lists of establishments, inspections, tips, hotspots, sanctions and reports, with
   50 concurrent clients (locust) for 60 s against gunicorn on loopback; p50/p95 (goal p95
   < 200 ms);
b. the roll-up of one indicator over all units for a year as the app computes it
   (``reporting.queries.rollup``, the path of the dashboard's target progress) against the
   equivalent hand-written SQL ``GROUP BY`` in the same run (goal: at most 1.2×), both
   checked to give the same number;
c. the provincial report export (compile + DOCX, the ``export-report`` path) of one
   province's half-year (goal < 2 s).

LANHMANH_LOAD_USERS and LANHMANH_LOAD_SECONDS change the size of the load run;
LANHMANH_BENCH_WORKERS / LANHMANH_BENCH_THREADS the server's processes and threads.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

from bench.common import machine, now, timed_pair, write_result
from bench.load import free_port, run_locust, wait_for

ROOT = Path(__file__).resolve().parents[1]
# 2 cores shared with PostgreSQL: a few processes for the CPU, a few threads each so that
# a worker waiting on the database does not hold a client back.
WORKERS = int(os.environ.get("LANHMANH_BENCH_WORKERS", "3"))
THREADS = int(os.environ.get("LANHMANH_BENCH_THREADS", "4"))
GOALS = {"page_p95_ms": 200, "rollup_vs_sql": 1.2, "report_export_s": 2.0}
# The users the bench signs in: (username, role, where: national / province / police / team)
BENCH_USERS = [
    ("bench_leader", "viewer", "national"),
    ("bench_coordinator", "coordinator", "province"),
    ("bench_inspector", "inspector", "team"),
    ("bench_police", "police", "police"),
]


def database_url_or_exit() -> str:
    url = os.environ.get("DATABASE_URL", "")
    if not url.startswith(("postgres://", "postgresql://", "pgsql://")):
        print(
            "bench.national needs DATABASE_URL of a PostgreSQL database "
            "(postgres://user@host:port/name)",
            file=sys.stderr,
        )
        sys.exit(2)
    return url


# --- the data and the users ---------------------------------------------------------------


def ensure_dataset(fraction: float, seed: int = 2026) -> dict:
    """The national dataset, generated (with its progress bar) if not there yet."""
    from django.core.management import call_command

    call_command("migrate", verbosity=0)
    started = time.perf_counter()
    call_command("demo", scale="national", fraction=fraction, seed=seed)
    return {
        "fraction": fraction,
        "seed": seed,
        "prepare_seconds": round(time.perf_counter() - started, 1),
    }


def dataset_counts() -> dict:
    """Rows of each register (PostgreSQL's estimate for the big tables is not enough:
    the JSON says what was measured, so they are counted)."""
    from django.apps import apps

    names = [
        "places.AdministrativeUnit",
        "inspections.Establishment",
        "inspections.Inspection",
        "inspections.Violation",
        "sanctions.Sanction",
        "hotspots.Hotspot",
        "tips.Tip",
        "reporting.UnitReport",
        "reporting.ReportValue",
        "people.Person",
        "people.SupportCase",
        "assessments.Assessment",
    ]
    counts = {}
    for name in names:
        try:
            model = apps.get_model(name)
        except LookupError:
            continue
        counts[model._meta.label_lower] = model.objects.count()
    return counts


def busiest_province():
    """The current province with the most establishments: the coordinator's."""
    from django.db.models import Count

    from lanhmanh.inspections.models import Establishment
    from lanhmanh.places.models import AdministrativeUnit

    row = (
        Establishment.objects.values("commune__province")
        .annotate(n=Count("pk"))
        .order_by("-n", "commune__province")
        .first()
    )
    if row is None:
        return (
            AdministrativeUnit.objects.current().filter(level="province").order_by("code").first()
        )
    return AdministrativeUnit.objects.get(pk=row["commune__province"])


def ensure_users(province) -> dict:
    """The bench's users, made once: {username: user}."""
    from django.contrib.auth import get_user_model

    from lanhmanh.agencies.models import Agency, AgencyKind, Membership

    User = get_user_model()
    agencies = {
        "national": Agency.objects.get_or_create(
            name="Bộ Y tế (đo hiệu năng)",
            defaults={"kind": AgencyKind.DEPARTMENT, "jurisdiction": None},
        )[0],
        "province": Agency.objects.get_or_create(
            name=f"Sở Y tế {province.name} (đo hiệu năng)",
            defaults={"kind": AgencyKind.DEPARTMENT, "jurisdiction": province},
        )[0],
    }
    for key, kind in (("team", AgencyKind.INSPECTION_TEAM), ("police", AgencyKind.POLICE)):
        agencies[key] = Agency.objects.filter(kind=kind, jurisdiction=province).order_by(
            "pk"
        ).first() or Agency.objects.create(
            name=f"{kind} {province.name}", kind=kind, jurisdiction=province
        )
    users = {}
    for username, role, where in BENCH_USERS:
        user = User.objects.filter(username=username).first()
        if user is None:
            user = User.objects.create_user(username=username, password=None)
            Membership.objects.create(user=user, agency=agencies[where], role=role)
        users[username] = user
    return users


def sessions_for(users: dict, per_user: int = 10) -> dict:
    from django.test import Client

    sessions = {}
    for username, user in users.items():
        cookies = []
        for _ in range(per_user):
            client = Client()
            client.force_login(user)
            cookies.append(client.cookies["sessionid"].value)
        sessions[username] = cookies
    return sessions


# --- b. the roll-up ---------------------------------------------------------------------------

# The hand-written equivalent: one SUM per period (a province's year), in one GROUP BY.
ROLLUP_SQL = (
    "SELECT r.period_id, SUM(v.value) FROM reporting_reportvalue v "
    "JOIN reporting_unitreport r ON r.id = v.report_id "
    "WHERE v.indicator_id = %s AND r.period_id IN ({periods}) AND r.status IN ({statuses}) "
    "GROUP BY r.period_id"
)


def rollup_subject():
    """(periods, indicator, values): the yearly periods of the year with the most approved
    values (one per province's plan: together, every commune of the country), and their
    most reported summed indicator (a count typed by the units, not a share nor a figure
    the app reads from a register). None when there are no report values at all."""
    from django.db.models import Count

    from lanhmanh.indicators.models import Indicator
    from lanhmanh.reporting.models import ReportingPeriod, ReportValue
    from lanhmanh.reporting.queries import COUNTED

    values = ReportValue.objects.filter(report__status__in=COUNTED)
    yearly = values.filter(report__period__frequency="annual")
    row = (
        (yearly if yearly.exists() else values)
        .values("report__period__key", "report__period__frequency")
        .annotate(n=Count("pk"))
        .order_by("-n", "report__period__key")
        .first()
    )
    if row is None:
        return None
    periods = list(
        ReportingPeriod.objects.filter(
            key=row["report__period__key"],
            frequency=row["report__period__frequency"],
            reports__status__in=COUNTED,
        )
        .distinct()
        .select_related("plan")
        .order_by("pk")
    )
    summed = Indicator.objects.filter(kind="count", aggregation="sum", compute="")
    indicator_row = (
        values.filter(report__period__in=periods, indicator__in=summed)
        .values("indicator")
        .annotate(n=Count("pk"))
        .order_by("-n", "indicator")
        .first()
    )
    if indicator_row is None:
        return None
    return periods, Indicator.objects.get(pk=indicator_row["indicator"]), indicator_row["n"]


def rollup_measures(repeat: int = 30) -> dict | None:
    """The app's roll-up (``reporting.queries.rollup``, as the dashboards' target progress
    calls it, once per province's period) against the hand-written SQL, for the whole
    country and for the largest province alone; both checked equal, period by period."""
    from django.db import connection
    from django.db.models import Count

    from lanhmanh.reporting.models import ReportValue
    from lanhmanh.reporting.queries import COUNTED, rollup

    subject = rollup_subject()
    if subject is None:
        return None
    periods, indicator, values = subject
    statuses = [str(s) for s in COUNTED]

    def hand_written(chosen):
        sql = ROLLUP_SQL.format(
            periods=", ".join(["%s"] * len(chosen)), statuses=", ".join(["%s"] * len(statuses))
        )
        with connection.cursor() as cursor:
            cursor.execute(sql, [indicator.pk, *[p.pk for p in chosen], *statuses])
            return {period_id: total for period_id, total in cursor.fetchall()}

    def app(chosen):
        return {p.pk: rollup(p, codes={indicator.code}).get(indicator.code) for p in chosen}

    def same(ours, theirs):
        ours = {k: float(v) for k, v in ours.items() if v is not None}
        theirs = {k: float(v) for k, v in theirs.items() if v is not None}
        if ours != theirs:
            raise AssertionError(f"roll-up differs: lanhmanh {ours} against SQL {theirs}")
        return sum(ours.values())

    total = same(app(periods), hand_written(periods))
    counts = dict(
        ReportValue.objects.filter(
            report__period__in=periods, report__status__in=COUNTED, indicator=indicator
        )
        .values_list("report__period")
        .annotate(n=Count("pk"))
    )
    largest = [max(periods, key=lambda p: (counts.get(p.pk, 0), -p.pk))]
    one = same(app(largest), hand_written(largest))
    figures = {}
    for name, chosen in (("country", periods), ("largest_province", largest)):
        baseline, measured = timed_pair(
            lambda c=chosen: hand_written(c), lambda c=chosen: app(c), repeat
        )
        figures[name] = {
            "periods": len(chosen),
            "values": sum(counts.get(p.pk, 0) for p in chosen),
            "sql_group_by_s": round(baseline, 6),
            "lanhmanh_s": round(measured, 6),
            "ratio": round(measured / baseline, 2),
        }
    return {
        "period": periods[0].key,
        "indicator": indicator.code,
        "value": total,
        "value_largest_province": one,
        "largest_province_plan": largest[0].plan.number,
        "values": values,
        **figures,
        "ratio": figures["country"]["ratio"],
    }


# --- c. the provincial report -------------------------------------------------------------------


def report_subject():
    """A half-year period of a provincial plan, the one with the most reports."""
    from django.db.models import Count

    from lanhmanh.reporting.models import ReportingPeriod

    periods = ReportingPeriod.objects.filter(plan__jurisdiction__level="province").exclude(
        plan__status="draft"
    )
    half = periods.filter(frequency="semiannual")
    return (
        (half if half.exists() else periods)
        .annotate(n=Count("reports"))
        .order_by("-n", "pk")
        .select_related("plan", "plan__jurisdiction")
        .first()
    )


def report_measures(repeat: int = 3) -> dict | None:
    from lanhmanh.reporting.compile import compile_report
    from lanhmanh.reporting.exports import docx_bytes

    period = report_subject()
    if period is None:
        return None
    samples, size = [], 0
    for _ in range(repeat):
        started = time.perf_counter()
        size = len(docx_bytes(compile_report(period)))
        samples.append(time.perf_counter() - started)
    samples.sort()
    return {
        "plan": period.plan.number,
        "province": period.plan.jurisdiction.name,
        "period": period.key,
        "reports": period.reports.count(),
        "docx_bytes": size,
        "seconds_median": round(samples[len(samples) // 2], 3),
        "seconds_all": [round(s, 3) for s in samples],
    }


# --- a. the pages under load ------------------------------------------------------------------

# The pages of the load run (bench/locust_national.py): user, address, name.
PAGES = [
    ("bench_leader", "/monitoring/", "dashboard (national leader)"),
    ("bench_coordinator", "/monitoring/", "dashboard (provincial coordinator)"),
    ("bench_coordinator", "/reports/", "reports"),
    ("bench_coordinator", "/sanctions/", "sanctions"),
    ("bench_inspector", "/establishments/", "establishments"),
    ("bench_inspector", "/establishments/inspections/", "inspections"),
    ("bench_police", "/tips/", "tips"),
    ("bench_police", "/hotspots/", "hotspots"),
]


def one_at_a_time(users: dict, repeat: int = 3) -> dict:
    """Each page alone, in this process (median of ``repeat``, ms): ``counted`` with the
    dashboards' figures counted afresh, as right after a change; ``kept`` as on the next
    look, from the figures kept since (monitoring.freshness)."""
    from django.core.cache import caches
    from django.test import Client, override_settings

    def seconds_for(client, url) -> float:
        started = time.perf_counter()
        response = client.get(url)
        elapsed = time.perf_counter() - started
        assert response.status_code == 200, (url, response.status_code)
        return elapsed

    result = {}
    for username, url, name in PAGES:
        client = Client(SERVER_NAME="127.0.0.1")
        client.force_login(users[username])
        with override_settings(LANHMANH_FIGURES_CACHE_SECONDS=0):
            seconds_for(client, url)  # the database's buffers warm
            counted = sorted(seconds_for(client, url) for _ in range(repeat))[repeat // 2]
        caches["figures"].clear()
        seconds_for(client, url)
        kept = sorted(seconds_for(client, url) for _ in range(repeat))[repeat // 2]
        result[name] = {"counted_ms": round(counted * 1000), "kept_ms": round(kept * 1000)}
    caches["figures"].clear()
    return result


def warm_up(base: str, sessions: dict) -> dict:
    """One request per page before the load starts, as on a server that has been running
    since the last change: the figures are counted once (seconds each), not by every
    client at the start."""
    took = {}
    for username, url, name in PAGES:
        request = urllib.request.Request(
            base + url, headers={"Cookie": f"sessionid={sessions[username][0]}"}
        )
        started = time.perf_counter()
        with urllib.request.urlopen(request, timeout=120) as response:
            response.read()
        took[name] = round(time.perf_counter() - started, 3)
    return took


def load_run(credentials: dict, env: dict, workdir: Path) -> dict:
    (workdir / "credentials.json").write_text(json.dumps(credentials))
    port = free_port()
    gunicorn = shutil.which("gunicorn", path=str(Path(sys.executable).parent)) or "gunicorn"
    server = subprocess.Popen(
        [
            gunicorn,
            "lanhmanh.wsgi:application",
            "--bind",
            f"127.0.0.1:{port}",
            "--workers",
            str(WORKERS),
            "--worker-class",
            "gthread",
            "--threads",
            str(THREADS),
            "--timeout",
            "120",
            # Longer than a client's pause between requests (1–3 s): with gunicorn's 2 s a
            # client reuses a connection the server is closing and gets no answer.
            "--keep-alive",
            "10",
            "--graceful-timeout",
            "5",
            "--log-level",
            "warning",
        ],
        env=env,
        cwd=ROOT,
        stdout=subprocess.DEVNULL,
        stderr=(workdir / "server.log").open("w"),
    )
    try:
        base = f"http://127.0.0.1:{port}"
        wait_for(f"{base}/accounts/login/")
        warmed = warm_up(base, credentials["sessions"])
        result = {
            "server": f"gunicorn gthread, {WORKERS} workers × {THREADS} threads",
            "warm_up_s": warmed,
            **run_locust("locust_national.py", base, workdir, env),
        }
        return result
    finally:
        server.terminate()
        try:
            server.wait(timeout=15)
        except subprocess.TimeoutExpired:
            server.kill()
            server.wait(timeout=15)


def verdicts(figures: dict) -> dict:
    pages = figures.get("pages") or {}
    rollup = figures.get("rollup")
    report = figures.get("report_export")
    slow = sorted(name for name, p in pages.get("pages", {}).items() if p["p95_ms"] >= 200)
    return {
        "page_p95_ms": {
            "goal": f"< {GOALS['page_p95_ms']}",
            "measured": pages.get("p95_ms"),
            "met": bool(pages) and not slow and pages.get("p95_ms", 1e9) < GOALS["page_p95_ms"],
            "pages_over_goal": slow,
        },
        "rollup_vs_sql": {
            "goal": f"<= {GOALS['rollup_vs_sql']}",
            "measured": rollup and rollup["ratio"],
            "met": bool(rollup) and rollup["ratio"] <= GOALS["rollup_vs_sql"],
        },
        "report_export_s": {
            "goal": f"< {GOALS['report_export_s']}",
            "measured": report and report["seconds_median"],
            "met": bool(report) and report["seconds_median"] < GOALS["report_export_s"],
        },
    }


def main():
    database_url_or_exit()
    load_before = os.getloadavg()[0]
    fraction = float(os.environ.get("LANHMANH_NATIONAL_FRACTION", "1.0"))
    if not 0 < fraction <= 1:
        print("LANHMANH_NATIONAL_FRACTION must be more than 0 and at most 1", file=sys.stderr)
        sys.exit(2)
    # A var dir of its own that outlives the run: the data keys of the people register
    # must stay those the database was filled with.
    workdir = Path(os.environ.get("LANHMANH_VAR_DIR") or ROOT / "var" / "bench-national")
    workdir.mkdir(parents=True, exist_ok=True)
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "lanhmanh.settings",
        "LANHMANH_VAR_DIR": str(workdir),
        "LANHMANH_LOG_LEVEL": "WARNING",
        "LANHMANH_SECRET_KEY": os.environ.get("LANHMANH_SECRET_KEY")
        or "bench-national-" + "x" * 50,
    }
    os.environ.update(env)
    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection

    dataset = ensure_dataset(fraction)
    call_command("collectstatic", interactive=False, verbosity=0)
    with connection.cursor() as cursor:
        cursor.execute("VACUUM ANALYZE")  # as autovacuum would after a bulk load
    province = busiest_province()
    users = ensure_users(province)
    figures: dict = {"rollup": rollup_measures(), "report_export": report_measures()}
    figures["one_at_a_time_ms"] = one_at_a_time(users)
    credentials = {
        "sessions": sessions_for(users),
        "ids": {"province": province.pk},
    }
    connection.close()
    figures["pages"] = load_run(credentials, env, workdir)
    result = {
        "benchmark": "national",
        "date": now(),
        "machine": machine(
            database="postgresql",
            note="2 cores shared with other work",
            load_average_1min={"start": load_before, "end": os.getloadavg()[0]},
        ),
        "dataset": {**dataset, "counts": dataset_counts(), "coordinator_province": province.name},
        "figures": figures,
        "goals": verdicts(figures),
    }
    write_result(result, "national")
    connection.close()
    if figures["pages"]["errors"] or not figures["pages"]["requests"]:
        sys.exit(1)


if __name__ == "__main__":
    main()

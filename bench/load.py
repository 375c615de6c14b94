"""Load run: `python -m bench.load` (part of `make bench`, not of CI).

50 concurrent users of mixed roles (coordinators, reporters, inspectors, police, viewers,
API clients and anonymous visitors) for 60 s against the demo, served on loopback by
``lanhmanh serve`` on a fresh SQLite database. Writes bench/results/<time>-<machine>-load.json
with requests, failures and the 50th/95th/99th percentiles (ms), overall and per page;
exits 1 if any request failed.

LANHMANH_LOAD_USERS and LANHMANH_LOAD_SECONDS change the size of the run.
"""

import csv
import json
import os
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

from bench.common import machine, now, write_result

ROOT = Path(__file__).resolve().parents[1]
USERS = int(os.environ.get("LANHMANH_LOAD_USERS", "50"))
SECONDS = int(os.environ.get("LANHMANH_LOAD_SECONDS", "60"))


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def prepare(env) -> dict:
    """Migrate, load the demo, and make sessions and tokens for the simulated users."""
    code = r"""
import json, django
django.setup()
from django.core.management import call_command
call_command("migrate", verbosity=0)
call_command("collectstatic", interactive=False, verbosity=0)
from django.contrib.auth import get_user_model
from django.test import Client
from lanhmanh.api.actions import create_token
from lanhmanh.demo.loader import load_demo
from lanhmanh.inspections.models import Establishment
from lanhmanh.reporting.models import UnitReport
load_demo()
User = get_user_model()
sessions = {}
for role, username in [("coordinator", "coordinator"), ("reporter", "reporter"),
                       ("inspector", "inspector"), ("police", "police"), ("viewer", "viewer")]:
    cookies = []
    for _ in range(10):
        client = Client()
        client.force_login(User.objects.get(username=username))
        cookies.append(client.cookies["sessionid"].value)
    sessions[role] = cookies
# API clients of the establishments register: those the door lets read it (the police and
# the leader are refused, rightly, since issue 19's one door).
tokens = [create_token(User.objects.get(username=u), "load")[1]
          for u in ("coordinator", "inspector")]
reporter_report = UnitReport.objects.filter(agency__memberships__user__username="reporter").first()
report = UnitReport.objects.filter(period__plan__status="active").first()
print(json.dumps({"sessions": sessions, "tokens": tokens, "ids": {
    "plan": report.period.plan_id, "period": report.period_id,
    "reporter_report": (reporter_report or report).pk,
    "province": report.period.plan.jurisdiction_id,
    "establishments": list(Establishment.objects.values_list("pk", flat=True)[:100]),
}}))
"""
    done = subprocess.run(
        [sys.executable, "-c", code], env=env, cwd=ROOT, capture_output=True, text=True, check=False
    )
    if done.returncode != 0:
        sys.exit(f"preparing the demo failed:\n{done.stderr[-3000:]}")
    return json.loads(done.stdout.strip().splitlines()[-1])


def wait_for(url: str, seconds: int = 180) -> None:
    deadline = time.time() + seconds
    while time.time() < deadline:
        try:
            with urllib.request.urlopen(url, timeout=5):
                return
        except OSError:
            time.sleep(0.5)
    sys.exit(f"the server did not answer at {url}")


def percentiles(stats_csv: Path) -> dict:
    rows = list(csv.DictReader(stats_csv.open()))
    out = {}
    for row in rows:
        out[row["Name"]] = {
            "requests": int(row["Request Count"]),
            "failures": int(row["Failure Count"]),
            "p50_ms": float(row["50%"] or 0),
            "p95_ms": float(row["95%"] or 0),
            "p99_ms": float(row["99%"] or 0),
            "rps": round(float(row["Requests/s"] or 0), 2),
        }
    return out


def run_locust(locustfile: str, base: str, workdir: Path, env: dict) -> dict:
    """Run ``bench/<locustfile>`` headless with USERS clients for SECONDS against ``base``
    (credentials in ``workdir/credentials.json``): requests, errors and percentiles (ms),
    overall and per page, and the kinds of failure."""
    locust = shutil.which("locust", path=str(Path(sys.executable).parent)) or "locust"
    prefix = workdir / "locust"
    started = time.time()
    run = subprocess.run(
        [
            locust,
            "-f",
            str(ROOT / "bench" / locustfile),
            "--headless",
            "--users",
            str(USERS),
            "--spawn-rate",
            str(max(USERS // 5, 1)),
            "--run-time",
            f"{SECONDS}s",
            # Requests still running at the end finish (and count) rather than being
            # cut off and counted as failures with no status.
            "--stop-timeout",
            "30",
            "--host",
            base,
            "--csv",
            str(prefix),
            "--only-summary",
            "--loglevel",
            "WARNING",
        ],
        env={**env, "LANHMANH_LOAD_CREDENTIALS": str(workdir / "credentials.json")},
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
    )
    elapsed = time.time() - started
    if run.returncode not in (0, 1):
        print(run.stderr[-2000:], file=sys.stderr)
    pages = percentiles(Path(f"{prefix}_stats.csv"))
    total = pages.pop("Aggregated", {})
    result = {
        "users": USERS,
        "seconds": SECONDS,
        "elapsed_s": round(elapsed, 1),
        "requests": total.get("requests", 0),
        "errors": total.get("failures", 0),
        "rps": total.get("rps", 0),
        "p50_ms": total.get("p50_ms"),
        "p95_ms": total.get("p95_ms"),
        "p99_ms": total.get("p99_ms"),
        "pages": pages,
    }
    failures = Path(f"{prefix}_failures.csv")
    if failures.exists():
        result["failure_kinds"] = list(csv.DictReader(failures.open()))[:20]
    return result


def main():
    workdir = Path(tempfile.mkdtemp(prefix="lanhmanh-load-"))
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "lanhmanh.settings",
        "LANHMANH_VAR_DIR": str(workdir),
        "LANHMANH_LOG_LEVEL": "WARNING",
        "LANHMANH_SECRET_KEY": "load-run-" + "x" * 50,
    }
    env.pop("DATABASE_URL", None)
    server = None
    try:
        credentials = prepare(env)
        (workdir / "credentials.json").write_text(json.dumps(credentials))
        port = free_port()
        server = subprocess.Popen(
            # Django's threaded server, as `lanhmanh serve` runs it (static files were
            # collected above and are served by WhiteNoise).
            [sys.executable, "-m", "lanhmanh.cli", "runserver", f"127.0.0.1:{port}", "--noreload"],
            env=env,
            cwd=ROOT,
            stdout=subprocess.DEVNULL,
            stderr=(workdir / "server.log").open("w"),
        )
        base = f"http://127.0.0.1:{port}"
        wait_for(f"{base}/accounts/login/")
        result = {
            "benchmark": "load",
            "when": now(),
            "machine": machine(database="sqlite", server="Django runserver, threaded"),
            **run_locust("locustfile.py", base, workdir, env),
        }
        write_result(result, "load")
        if result["errors"] or not result["requests"]:
            sys.exit(1)
    finally:
        if server is not None:
            server.terminate()
            server.wait(timeout=30)
        shutil.rmtree(workdir, ignore_errors=True)


if __name__ == "__main__":
    main()

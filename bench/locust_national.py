"""The users of the national load run (`python -m bench.national`).

Sessions are made by bench/national.py before the run and passed in
LANHMANH_LOAD_CREDENTIALS (a JSON file). Every answer but a 200 counts as a failure (a
redirect to the sign-in page would otherwise pass for a fast page).
"""

import itertools
import json
import os

from locust import HttpUser, between, task

CREDENTIALS = json.loads(open(os.environ["LANHMANH_LOAD_CREDENTIALS"]).read())  # noqa: SIM115
_turn = {name: itertools.cycle(items) for name, items in CREDENTIALS["sessions"].items()}
IDS = CREDENTIALS["ids"]


class Signed(HttpUser):
    abstract = True
    wait_time = between(1, 3)
    username = ""

    def on_start(self):
        self.client.cookies.set("sessionid", next(_turn[self.username]))

    def page(self, url, name):
        with self.client.get(url, name=name, allow_redirects=False, catch_response=True) as r:
            if r.status_code != 200:
                # status 0: no answer at all; say why (reset, timeout…).
                r.failure(f"status {r.status_code} {r.error or ''}".strip())


class Leader(Signed):
    weight = 2
    username = "bench_leader"

    @task
    def dashboard(self):
        self.page("/monitoring/", "dashboard (national leader)")


class Coordinator(Signed):
    weight = 3
    username = "bench_coordinator"

    @task(3)
    def dashboard(self):
        self.page("/monitoring/", "dashboard (provincial coordinator)")

    @task(1)
    def reports(self):
        self.page("/reports/", "reports")

    @task(1)
    def sanctions(self):
        self.page("/sanctions/", "sanctions")


class Inspector(Signed):
    weight = 3
    username = "bench_inspector"

    @task(2)
    def establishments(self):
        self.page("/establishments/", "establishments")

    @task(2)
    def inspections(self):
        self.page("/establishments/inspections/", "inspections")


class Police(Signed):
    weight = 2
    username = "bench_police"

    @task(2)
    def tips(self):
        self.page("/tips/", "tips")

    @task(1)
    def hotspots(self):
        self.page("/hotspots/", "hotspots")

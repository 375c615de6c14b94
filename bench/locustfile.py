"""The users of the load run (`python -m bench.load`): mixed roles on the demo.

Sessions and API tokens are made by bench/load.py before the run and passed in
LANHMANH_LOAD_CREDENTIALS (a JSON file): a load test measures the pages, not the sign-in
(whose password hashing is deliberately slow, and whose codes work once).
"""

import itertools
import json
import os
import random

from locust import HttpUser, between, task

CREDENTIALS = json.loads(open(os.environ["LANHMANH_LOAD_CREDENTIALS"]).read())  # noqa: SIM115
_turn = {role: itertools.cycle(items) for role, items in CREDENTIALS["sessions"].items()}
_tokens = itertools.cycle(CREDENTIALS["tokens"])
IDS = CREDENTIALS["ids"]


class Signed(HttpUser):
    abstract = True
    wait_time = between(1, 3)
    role = ""

    def on_start(self):
        self.client.cookies.set("sessionid", next(_turn[self.role]))


class Coordinator(Signed):
    weight = 3
    role = "coordinator"

    @task(3)
    def home(self):
        self.client.get("/", name="home")

    @task(2)
    def reports(self):
        self.client.get("/reports/", name="reports")

    @task(2)
    def period(self):
        self.client.get(f"/reports/periods/{IDS['period']}/", name="period")

    @task(1)
    def plan(self):
        self.client.get(f"/plans/{IDS['plan']}/", name="plan")


class Reporter(Signed):
    weight = 3
    role = "reporter"

    @task(2)
    def home(self):
        self.client.get("/", name="home")

    @task(2)
    def my_report(self):
        self.client.get(f"/reports/{IDS['reporter_report']}/", name="report")

    @task(1)
    def duties(self):
        self.client.get("/plans/mine/", name="my duties")


class Inspector(Signed):
    weight = 2
    role = "inspector"

    @task(2)
    def establishments(self):
        self.client.get("/establishments/", name="establishments")

    @task(2)
    def establishment(self):
        pk = random.choice(IDS["establishments"])
        self.client.get(f"/establishments/{pk}/", name="establishment")


class Police(Signed):
    weight = 2
    role = "police"

    @task(2)
    def tips(self):
        self.client.get("/tips/", name="tips")

    @task(1)
    def hotspots(self):
        self.client.get("/hotspots/", name="hotspots")


class Viewer(Signed):
    weight = 1
    role = "viewer"

    @task
    def plans(self):
        self.client.get("/plans/", name="plans")


class ApiClient(HttpUser):
    weight = 2
    wait_time = between(1, 3)

    def on_start(self):
        self.client.headers["Authorization"] = f"Bearer {next(_tokens)}"

    @task(2)
    def establishments(self):
        self.client.get("/api/v1/establishments?limit=50", name="api establishments")

    @task(1)
    def plans(self):
        self.client.get("/api/v1/plans", name="api plans")


class Public(HttpUser):
    weight = 1
    wait_time = between(2, 5)

    @task(2)
    def tip_form(self):
        self.client.get(f"/tips/report/?province={IDS['province']}", name="public tip form")

    @task(1)
    def login_page(self):
        self.client.get("/accounts/login/", name="login page")

"""schemathesis against ``/api/v1/openapi.json`` on the demo, with a token per role.

Every operation of the OpenAPI document gets valid and invalid requests (bodies, query
strings, path parameters; real record ids as well as random ones), sent by users of
every role inside the demo province and by one outside it: no answer may be a 500, and
every documented answer must match its schema.
"""

from __future__ import annotations

import pytest
import schemathesis
from django.core.handlers.wsgi import WSGIHandler
from django.core.signals import request_finished, request_started
from django.db import close_old_connections
from hypothesis import given
from hypothesis import strategies as st
from schemathesis import GenerationMode
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    response_schema_conformance,
)

from lanhmanh.api.actions import create_token
from lanhmanh.security.matrix import ROLES

from .fuzzing import fuzz_settings

pytestmark = pytest.mark.django_db
CHECKS = [not_a_server_error, response_schema_conformance, content_type_conformance]


@pytest.fixture
def demo(cast):
    from lanhmanh.activities.models import CommunityModel
    from lanhmanh.demo.replay import load_demo
    from lanhmanh.hotspots.models import Hotspot
    from lanhmanh.inspections.models import Establishment
    from lanhmanh.reporting.models import UnitReport
    from lanhmanh.tips.models import Tip

    load_demo()
    report = UnitReport.objects.filter(period__plan__jurisdiction=cast.province).first()
    ids = {
        "agency_id": cast.province_agency.pk,
        "unit_id": cast.province.pk,
        "plan_id": report.period.plan_id,
        "report_id": report.pk,
        "period_id": report.period_id,
        "hotspot_id": Hotspot.objects.first().pk,
        "establishment_id": Establishment.objects.first().pk,
        "tip_id": Tip.objects.first().pk,
        "model_id": CommunityModel.objects.filter(unit__province=cast.province).first().pk,
        "action": "approve",
    }
    users = [cast.inside[r] for r in ROLES] + [cast.outside["coordinator"]]
    tokens = [create_token(user, "fuzz")[1] for user in users]
    return ids, tokens


@pytest.fixture
def keep_connection():
    """As Django's test client does: a request must not close the test's connection."""
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    yield
    request_started.connect(close_old_connections)
    request_finished.connect(close_old_connections)


def _short(exc: BaseException) -> str:
    """The failure and the request that reproduces it, without the page around it."""
    text = str(exc)
    lines = [line for line in text.splitlines() if line.strip()]
    keep = [
        line.strip()
        for line in lines
        if line.strip().startswith(("- ", "[", "curl")) or "Error" in line
    ]
    return "\n    ".join(keep[:12]) or text[:1000]


def test_no_operation_fails_or_breaks_its_schema(demo, settings, keep_connection):
    settings.ALLOWED_HOSTS = ["*"]
    ids, tokens = demo
    schema = schemathesis.openapi.from_wsgi("/api/v1/openapi.json", WSGIHandler())
    operations = [result.ok() for result in schema.get_all_operations()]
    assert len(operations) >= 20, "the OpenAPI document lost its operations"
    failures = []
    for operation in operations:
        params = {p.name: ids[p.name] for p in operation.path_parameters if p.name in ids}
        strategies = [
            operation.as_strategy(generation_mode=GenerationMode.POSITIVE),
            operation.as_strategy(generation_mode=GenerationMode.NEGATIVE),
        ]
        if params:
            strategies.append(
                operation.as_strategy(
                    generation_mode=GenerationMode.POSITIVE, path_parameters=params
                )
            )

        @fuzz_settings(25)
        @given(st.one_of(strategies), st.sampled_from(tokens))
        def run(case, token):
            response = case.call(headers={"Authorization": f"Bearer {token}"})
            case.validate_response(response, checks=CHECKS)

        try:
            run()
        except (Exception, BaseExceptionGroup) as exc:  # every operation's failure, then all
            failures.append(f"{operation.method.upper()} {operation.path}: {_short(exc)}")
    assert not failures, "\n\n".join(failures)

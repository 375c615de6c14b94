"""The endpoint walk: every page and every API operation, for every role inside the
demo province and in another province, and for an anonymous visitor.

What this walk is good at, and all it asserts:

- every endpoint is listed below: a new page or operation fails the test by name, so it
  is reviewed (and given its actions in the object-level matrix,
  ``test_permission_actions.py``, which is where *who may do what* is tested);
- no endpoint answers 500 to anybody, with or without a body;
- an anonymous visitor is sent to the sign-in page (web) or gets 401 (API), but for
  the few public pages;
- every parameter is filled with a real record of the demo province (no fallback to a
  pk that exists nowhere, which answers 404 to everybody and tests nothing).

It no longer records a status code per role: the empty bodies it sends answer 422
before any permission is checked, and a recorded snapshot approves whatever the code
did on the day it was recorded.
"""

from __future__ import annotations

import json

import pytest
from django.shortcuts import resolve_url
from django.urls import reverse

from lanhmanh.security.matrix import (
    ROLES,
    WHO,
    answers,
    api_endpoints,
    fill,
    web_endpoints,
)

pytestmark = pytest.mark.django_db

# Every page of the URL conf (bar the API's and the admin's pages), with its variants.
WEB = {
    "account",
    "activities:attach",
    "activities:attachment",
    "activities:create",
    "activities:detail",
    "activities:edit",
    "activities:export[csv]",
    "activities:import",
    "activities:list",
    "activities:model",
    "activities:model_attach",
    "activities:model_attachment",
    "activities:model_create",
    "activities:model_edit",
    "activities:model_export[csv]",
    "activities:model_import",
    "activities:models",
    "admin:index",
    "agencies:detail",
    "agencies:list",
    "assessments:attach",
    "assessments:attachment",
    "assessments:create",
    "assessments:criteria",
    "assessments:criteria_create",
    "assessments:criteria_detail",
    "assessments:criteria_edit",
    "assessments:detail",
    "assessments:edit",
    "assessments:export[csv]",
    "assessments:list",
    "assessments:reopen",
    "assessments:review",
    "assessments:trend",
    "assessments:trend_export[csv]",
    "home",
    "hotspots:check",
    "hotspots:create",
    "hotspots:detail",
    "hotspots:edit",
    "hotspots:export[csv]",
    "hotspots:list",
    "hotspots:status",
    "inspections:create",
    "inspections:detail",
    "inspections:edit",
    "inspections:export[csv]",
    "inspections:import",
    "inspections:inspection",
    "inspections:inspection_edit",
    "inspections:inspection_export[csv]",
    "inspections:inspections",
    "inspections:list",
    "inspections:plan",
    "inspections:plan_create",
    "inspections:plans",
    "inspections:teams",
    "login",
    "logout",
    "monitoring:dashboard",
    "monitoring:dashboard_export[csv]",
    "monitoring:dashboard_pdf",
    "monitoring:map",
    "monitoring:reports",
    "monitoring:reports_export[csv]",
    "monitoring:target",
    "monitoring:trend",
    "password_change",
    "password_change_done",
    "people:answer",
    "people:access_review",
    "people:assess",
    "people:assign",
    "people:case",
    "people:close",
    "people:consent",
    "people:duplicate",
    "people:find",
    "people:follow_up",
    "people:follow_up_done",
    "people:identity_edit",
    "people:intake",
    "people:list",
    "people:person",
    "people:referrals",
    "people:reopen",
    "people:request_create",
    "people:request_export",
    "people:request_step",
    "people:requests",
    "people:service",
    "people:stats",
    "people:stats_export[csv]",
    "people:transfer",
    "people:withdraw",
    "places:unit",
    "places:units",
    "plans:detail",
    "plans:discard",
    "plans:duty_agencies",
    "plans:import",
    "plans:list",
    "plans:mine",
    "plans:progress[task]",
    "plans:progress_file[task]",
    "plans:review",
    "reporting:agency_progress",
    "reporting:assignments",
    "reporting:attach",
    "reporting:attachment",
    "reporting:export[xlsx]",
    "reporting:list",
    "reporting:period",
    "reporting:report",
    "reporting:review[approve]",
    "reporting:review[reopen]",
    "reporting:review[return]",
    "sanctions:create",
    "sanctions:detail",
    "sanctions:edit",
    "sanctions:export[csv]",
    "sanctions:list",
    "sanctions:refer",
    "sanctions:referral",
    "sanctions:referrals",
    "sanctions:statistics",
    "sanctions:statistics_export[xlsx]",
    "security:confirm",
    "security:recovery_codes",
    "security:renew_recovery_codes",
    "security:setup",
    "security:verify",
    "set_language",
    "tips:action[assign]",
    "tips:action[close]",
    "tips:action[verify]",
    "tips:contact",
    "tips:create",
    "tips:detail",
    "tips:export[csv]",
    "tips:list",
    "tips:report",
    "tips:status",
    "token_create",
    "token_revoke",
}

# Pages an anonymous visitor may open.
PUBLIC = {"login", "tips:report", "tips:status", "set_language"}

# The values a str parameter takes; a page with several is walked once for each.
WEB_VARIANTS = {
    "reporting:review": [{"action": a} for a in ("approve", "return", "reopen")],
    "tips:action": [{"action": a} for a in ("assign", "verify", "close")],
    "hotspots:export": [{"fmt": "csv"}],
    "activities:export": [{"fmt": "csv"}],
    "activities:model_export": [{"fmt": "csv"}],
    "inspections:export": [{"fmt": "csv"}],
    "tips:export": [{"fmt": "csv"}],
    "inspections:inspection_export": [{"fmt": "csv"}],
    "sanctions:export": [{"fmt": "csv"}],
    "assessments:export": [{"fmt": "csv"}],
    "monitoring:dashboard_export": [{"fmt": "csv"}],
    "monitoring:reports_export": [{"fmt": "csv"}],
    "assessments:trend_export": [{"fmt": "csv"}],
    "sanctions:statistics_export": [{"fmt": "xlsx"}],
    "reporting:export": [{"fmt": "xlsx"}],
    "people:stats_export": [{"fmt": "csv"}],
    "plans:progress": [{"kind": "task"}],
    "plans:progress_file": [{"kind": "task"}],
}

# Every operation of the OpenAPI document, with its variants.
API = {
    "GET /api/v1/activities",
    "GET /api/v1/activities/{activity_id}",
    "GET /api/v1/agencies",
    "GET /api/v1/community-models",
    "GET /api/v1/community-models/{model_id}",
    "GET /api/v1/agencies/{agency_id}",
    "GET /api/v1/assessments",
    "GET /api/v1/assessments/{assessment_id}",
    "GET /api/v1/cases",
    "GET /api/v1/cases/{case_id}",
    "GET /api/v1/establishments",
    "GET /api/v1/establishments/{establishment_id}",
    "GET /api/v1/hotspots",
    "GET /api/v1/hotspots/{hotspot_id}",
    "GET /api/v1/inspections",
    "GET /api/v1/inspections/{inspection_id}",
    "GET /api/v1/me",
    "GET /api/v1/people",
    "GET /api/v1/people/stats",
    "GET /api/v1/people/{person_id}",
    "GET /api/v1/periods",
    "GET /api/v1/periods/{period_id}/rollup",
    "GET /api/v1/plans",
    "GET /api/v1/plans/{plan_id}",
    "GET /api/v1/plans/{plan_id}/agencies/{agency_id}/progress",
    "GET /api/v1/plans/{plan_id}/progress",
    "GET /api/v1/reports",
    "GET /api/v1/reports/{report_id}",
    "GET /api/v1/sanctions",
    "GET /api/v1/sanctions/{sanction_id}",
    "GET /api/v1/sanctions/{sanction_id}/identity",
    "GET /api/v1/tips",
    "GET /api/v1/tips/{tip_id}",
    "GET /api/v1/units",
    "GET /api/v1/units/{unit_id}",
    "PATCH /api/v1/assessments/{assessment_id}",
    "PATCH /api/v1/community-models/{model_id}",
    "PATCH /api/v1/establishments/{establishment_id}",
    "PATCH /api/v1/hotspots/{hotspot_id}",
    "PATCH /api/v1/inspections/{inspection_id}",
    "PATCH /api/v1/sanctions/{sanction_id}",
    "PATCH /api/v1/tips/{tip_id}",
    "POST /api/v1/activities",
    "POST /api/v1/assessments",
    "POST /api/v1/community-models",
    "POST /api/v1/assessments/{assessment_id}/review",
    "POST /api/v1/cases/{case_id}/close",
    "POST /api/v1/cases/{case_id}/consents",
    "POST /api/v1/cases/{case_id}/follow-ups",
    "POST /api/v1/cases/{case_id}/services",
    "POST /api/v1/establishments",
    "POST /api/v1/hotspots",
    "POST /api/v1/inspections",
    "POST /api/v1/people",
    "POST /api/v1/people/{person_id}/break-glass",
    "POST /api/v1/plans/extract",
    "POST /api/v1/reports/{report_id}/{action}[approve]",
    "POST /api/v1/reports/{report_id}/{action}[reopen]",
    "POST /api/v1/reports/{report_id}/{action}[return]",
    "POST /api/v1/reports/{report_id}/{action}[submit]",
    "POST /api/v1/sanctions",
    "POST /api/v1/services/{service_id}/answer",
    "POST /api/v1/tips",
    "PUT /api/v1/reports/{report_id}",
}

API_VARIANTS = {
    "POST /api/v1/reports/{report_id}/{action}": [
        {"action": a} for a in ("submit", "approve", "return", "reopen")
    ],
}


def variant_name(name: str, extra: dict) -> str:
    return name + "".join(f"[{v}]" for v in extra.values())


def _value(values, endpoint_name, param):
    namespace = endpoint_name.split(":")[0]
    for key in (f"{endpoint_name}:{param}", f"{namespace}:{param}", param):
        if key in values:
            value = values[key]
            assert value not in (None, 0, ""), (
                f"<{param}> of {endpoint_name} has no real record ({value!r})"
            )
            return value
    raise AssertionError(f"the matrix test has no value for <{param}> of {endpoint_name}")


def _status(send, client) -> int:
    """The status of a request; an exception raised through the test client is a 500."""
    try:
        return send(client)
    except Exception:  # what a user would meet is a server error
        return 500


def _walk_web(world):
    """(name, url) of every page and variant."""
    for endpoint in web_endpoints():
        for extra in WEB_VARIANTS.get(endpoint.name, [{}]):
            values = {
                p: extra[p] if p in extra else _value(world["values"], endpoint.name, p)
                for p in endpoint.params
            }
            yield endpoint.name, variant_name(endpoint.name, extra), fill(endpoint.route, values)


def _walk_api(world, openapi):
    for endpoint in api_endpoints(openapi):
        method, _path = endpoint.name.split(" ", 1)
        for extra in API_VARIANTS.get(endpoint.name, [{}]):
            values = {
                p: extra[p] if p in extra else _value(world["values"], endpoint.name, p)
                for p in endpoint.params
            }
            yield method, variant_name(endpoint.name, extra), fill(endpoint.route, values)


def test_every_page_is_listed_answers_no_500_and_sends_strangers_to_sign_in(world, settings):
    settings.TIP_RATE_LIMITS = {"report": (10_000, 3600), "status": (10_000, 3600)}
    login = resolve_url(settings.LOGIN_URL)
    admin_login = reverse("admin:login")
    seen, unknown, crashed, open_to_strangers = set(), [], [], []
    for base, name, url in _walk_web(world):
        seen.add(name)
        if name not in WEB:
            unknown.append(name)
        for method in ("GET", "POST"):

            def send(c, url=url, method=method):
                response = c.get(url) if method == "GET" else c.post(url, {})
                send.location = response.get("Location", "")
                return response.status_code

            row = answers(lambda c, send=send: _status(send, c), world["web"])
            if "!" in row:
                crashed.append(f"{method} {name}: {row}")
            anonymous = _status(send, world["web"][-1])
            if base in PUBLIC or base == "logout":
                continue
            # the Django admin signs in on its own page
            to_login = anonymous == 302 and send.location.startswith((login, admin_login))
            if not (to_login or anonymous == 405):
                open_to_strangers.append(f"{method} {name}: {anonymous} {send.location}")
    stale = sorted(set(WEB) - seen)
    assert not unknown, (
        "pages missing from WEB: decide who may do what there (the object-level matrix, "
        f"test_permission_actions.py), then list them: {sorted(unknown)}"
    )
    assert not crashed, "pages answering 500:\n" + "\n".join(crashed)
    assert not open_to_strangers, "pages open to an anonymous visitor:\n" + "\n".join(
        open_to_strangers
    )
    assert not stale, f"WEB names pages that no longer exist: {stale}"


def test_every_api_operation_is_listed_answers_no_500_and_401_to_strangers(world, client):
    openapi = json.loads(client.get("/api/v1/openapi.json").content)
    seen, unknown, crashed, open_to_strangers = set(), [], [], []
    for method, name, url in _walk_api(world, openapi):
        seen.add(name)
        if name not in API:
            unknown.append(name)

        def send(c, url=url, method=method):
            if method == "GET":
                return c.get(url).status_code
            return c.generic(method, url, "{}", content_type="application/json").status_code

        row = answers(lambda c, send=send: _status(send, c), world["api"])
        if "!" in row:
            crashed.append(f"{name}: {row}")
        anonymous = _status(send, world["api"][-1])
        if anonymous != 401:
            open_to_strangers.append(f"{name}: {anonymous}")
    stale = sorted(set(API) - seen)
    assert not unknown, f"API operations missing from API: {sorted(unknown)}"
    assert not crashed, "API operations answering 500:\n" + "\n".join(crashed)
    assert not open_to_strangers, "API operations open without a token:\n" + "\n".join(
        open_to_strangers
    )
    assert not stale, f"API names operations that no longer exist: {stale}"


def test_every_parameter_is_a_real_record(world):
    """No row falls back to a pk that exists nowhere (404 for everybody tests nothing)."""
    empty = {k: v for k, v in world["values"].items() if v in (None, 0, "")}
    assert not empty, f"parameters without a real record: {empty}"


def test_the_matrix_walks_every_user():
    assert len(WHO) == 2 * len(ROLES) + 1
    from lanhmanh.agencies.roles import Role

    assert Role.values == ROLES

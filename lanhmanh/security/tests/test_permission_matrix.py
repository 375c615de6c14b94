"""The permission matrix: every page and every API operation, for every role inside the
demo province and in another province, and for an anonymous visitor.

The endpoints are read from the URL conf and the OpenAPI document; the expected answers
are written out below, one line per endpoint. An endpoint that is not in the table fails
the test with its name, so a new page or operation cannot go unreviewed.

Codes, one per user in the order
  inside:  admin coordinator reporter inspector police case_worker viewer
  outside: the same seven roles, in Hà Tĩnh
  anonymous
2 = 200, C = 201, 3 = 302 (to the login page or after a POST), 1 = 401, 4 = 403,
N = 404, M = 405, B = 400, V = 422, R = 429, ! = 500.

Records used: the demo's (Nghệ An), so "inside" users meet records in their area and
"outside" users meet records out of it (404, never the record).
"""

from __future__ import annotations

import json

import pytest

from lanhmanh.security.matrix import (
    ROLES,
    WHO,
    answers,
    api_endpoints,
    fill,
    web_endpoints,
)

pytestmark = pytest.mark.django_db

# Web pages: name -> (GET, POST).
#                                adm..vie inside  adm..vie outside  anon
WEB = {
    "people:answer": ("NNNNN2N NNNNNNN 3", "NNNNN2N NNNNNNN 3"),
    "people:assess": ("N4NNN2N NNNNNNN 3", "N4NNN2N NNNNNNN 3"),
    "people:case": ("N2NNN2N NNNNNNN 3", "N2NNN2N NNNNNNN 3"),
    "people:close": ("N4NNN2N NNNNNNN 3", "N4NNN2N NNNNNNN 3"),
    "people:consent": ("N4NNN2N NNNNNNN 3", "N4NNN2N NNNNNNN 3"),
    "people:duplicate": ("MMMMMMM MMMMMMM 3", "NNNNN3N NNNNNNN 3"),
    "people:find": ("4444424 4444424 3", "4444424 4444424 3"),
    "people:follow_up": ("N4NNN2N NNNNNNN 3", "N4NNN2N NNNNNNN 3"),
    "people:follow_up_done": ("N4NNN2N NNNNNNN 3", "N4NNN2N NNNNNNN 3"),
    "people:identity_edit": ("N4NNN2N NNNNNNN 3", "N4NNN2N NNNNNNN 3"),
    "people:intake": ("4444424 4444424 3", "4444424 4444424 3"),
    "people:list": ("2222222 4244224 3", "2222222 4244224 3"),
    "people:person": ("NNNNNNN NNNNNNN 3", "NNNNNNN NNNNNNN 3"),
    "people:referrals": ("2222222 2222222 3", "2222222 2222222 3"),
    "people:reopen": ("MMMMMMM MMMMMMM 3", "N4NNN3N NNNNNNN 3"),
    "people:request_create": ("N4NNN2N NNNNNNN 3", "N4NNN2N NNNNNNN 3"),
    "people:request_export": ("NNNNNNN NNNNNNN 3", "NNNNNNN NNNNNNN 3"),
    "people:request_step": ("MMMMMMM MMMMMMM 3", "NNNNNNN NNNNNNN 3"),
    "people:requests": ("4244424 4244424 3", "4244424 4244424 3"),
    "people:service": ("N4NNN2N NNNNNNN 3", "N4NNN2N NNNNNNN 3"),
    "people:stats": ("2222222 2222222 3", "2222222 2222222 3"),
    "people:stats_export[csv]": ("2222222 2222222 3", "2222222 2222222 3"),
    "people:transfer": ("N4NNN2N NNNNNNN 3", "N4NNN2N NNNNNNN 3"),
    "people:withdraw": ("MMMMMMM MMMMMMM 3", "N4NNN3N NNNNNNN 3"),
    "monitoring:dashboard": ("2222242 2222242 3", "2222242 2222242 3"),
    "monitoring:dashboard_export[csv]": ("2222242 2222242 3", "2222242 2222242 3"),
    "monitoring:dashboard_pdf": ("2222242 2222242 3", "2222242 2222242 3"),
    "monitoring:map": ("2222242 2222242 3", "2222242 2222242 3"),
    "monitoring:reports": ("2222242 2222242 3", "2222242 2222242 3"),
    "monitoring:reports_export[csv]": ("2222242 2222242 3", "2222242 2222242 3"),
    "monitoring:target": ("2222242 NNNNN4N 3", "2222242 NNNNN4N 3"),
    "monitoring:trend": ("NNNNN4N NNNNN4N 3", "NNNNN4N NNNNN4N 3"),
    "assessments:attach": ("MMMMMMM MMMMMMM 3", "N33NNN4 NNNNNNN 3"),
    "assessments:attachment": ("N22NNN2 NNNNNNN 3", "N22NNN2 NNNNNNN 3"),
    "assessments:create": ("4224444 4224444 3", "4224444 4224444 3"),
    "assessments:criteria": ("4224442 4224442 3", "4224442 4224442 3"),
    "assessments:criteria_create": ("4244444 4244444 3", "4244444 4244444 3"),
    "assessments:criteria_detail": ("N22NNN2 N22NNN2 3", "N22NNN2 N22NNN2 3"),
    "assessments:criteria_edit": ("N44NNN4 N44NNN4 3", "N44NNN4 N44NNN4 3"),
    "assessments:detail": ("N22NNN2 NNNNNNN 3", "N22NNN2 NNNNNNN 3"),
    "assessments:edit": ("N33NNN4 NNNNNNN 3", "N33NNN4 NNNNNNN 3"),
    "assessments:export[csv]": ("4224442 4224442 3", "4224442 4224442 3"),
    "assessments:list": ("4224442 4224442 3", "4224442 4224442 3"),
    "assessments:reopen": ("N24NNN4 NNNNNNN 3", "N24NNN4 NNNNNNN 3"),
    "assessments:review": ("N24NNN4 NNNNNNN 3", "N24NNN4 NNNNNNN 3"),
    "assessments:trend": ("4224442 4224442 3", "4224442 4224442 3"),
    "assessments:trend_export[csv]": ("4224442 4224442 3", "4224442 4224442 3"),
    "reporting:agency_progress": ("2222222 NNNNNNN 3", "2222222 NNNNNNN 3"),
    "reporting:assignments": ("2222222 NNNNNNN 3", "4344444 NNNNNNN 3"),
    "inspections:create": ("4442244 4442244 3", "4442244 4442244 3"),
    "inspections:edit": ("N4N22NN NNNNNNN 3", "N4N22NN NNNNNNN 3"),
    "inspections:inspection": ("N2N22NN NNNNNNN 3", "N2N22NN NNNNNNN 3"),
    "inspections:inspection_edit": ("N4N24NN NNNNNNN 3", "N4N24NN NNNNNNN 3"),
    "inspections:inspection_export[csv]": ("4242244 4242244 3", "4242244 4242244 3"),
    "inspections:inspections": ("4242244 4242244 3", "4242244 4242244 3"),
    "inspections:plan": ("N2N22NN NNNNNNN 3", "N2N22NN NNNNNNN 3"),
    "inspections:plan_create": ("4442444 4442444 3", "4442444 4442444 3"),
    "inspections:plans": ("4242244 4242244 3", "4242244 4242244 3"),
    "inspections:teams": ("4242244 4242244 3", "4242244 4242244 3"),
    "sanctions:create": ("4442244 4442244 3", "4442244 4442244 3"),
    "sanctions:detail": ("N2N22NN NNNNNNN 3", "N2N22NN NNNNNNN 3"),
    "sanctions:edit": ("N4N22NN NNNNNNN 3", "N4N22NN NNNNNNN 3"),
    "sanctions:export[csv]": ("4242244 4242244 3", "4242244 4242244 3"),
    "sanctions:list": ("4242244 4242244 3", "4242244 4242244 3"),
    "sanctions:statistics": ("4242244 4242244 3", "4242244 4242244 3"),
    "sanctions:statistics_export[xlsx]": ("4242244 4242244 3", "4242244 4242244 3"),
    "account": ("2222222 2222222 3", "2222222 2222222 3"),
    "admin:index": ("3333333 3333333 3", "3333333 3333333 3"),
    "agencies:detail": ("2222222 NNNNNNN 3", "2222222 NNNNNNN 3"),
    "agencies:list": ("2222222 2222222 3", "2222222 2222222 3"),
    "hotspots:check": ("N4N42NN NNNNNNN 3", "N4N42NN NNNNNNN 3"),
    "hotspots:create": ("4444244 4444244 3", "4444244 4444244 3"),
    "hotspots:detail": ("N2N22NN NNNNNNN 3", "N2N22NN NNNNNNN 3"),
    "hotspots:edit": ("N4N42NN NNNNNNN 3", "N4N42NN NNNNNNN 3"),
    "hotspots:export[csv]": ("4242244 4242244 3", "4242244 4242244 3"),
    "hotspots:list": ("4242244 4242244 3", "4242244 4242244 3"),
    "hotspots:status": ("N4N42NN NNNNNNN 3", "N4N42NN NNNNNNN 3"),
    "inspections:detail": ("N2N22NN NNNNNNN 3", "N4N24NN NNNNNNN 3"),
    "inspections:export[csv]": ("4242244 4242244 3", "4242244 4242244 3"),
    "inspections:import": ("4444444 4444444 3", "4443344 4443344 3"),
    "inspections:list": ("4242244 4242244 3", "4242244 4242244 3"),
    "login": ("3333333 3333333 2", "3333333 3333333 2"),
    "logout": ("MMMMMMM MMMMMMM M", "3333333 3333333 3"),
    "password_change": ("2222222 2222222 3", "2222222 2222222 3"),
    "password_change_done": ("2222222 2222222 3", "MMMMMMM MMMMMMM 3"),
    "places:unit": ("2222222 2222222 3", "2222222 2222222 3"),
    "places:units": ("2222222 2222222 3", "2222222 2222222 3"),
    "plans:detail": ("2222222 NNNNNNN 3", "2222222 NNNNNNN 3"),
    "plans:discard": ("MMMMMMM MMMMMMM 3", "4344444 NNNNNNN 3"),
    "plans:import": ("4244444 4244444 3", "4244444 4244444 3"),
    "plans:list": ("2222222 2222222 3", "2222222 2222222 3"),
    "plans:mine": ("2222222 2222222 3", "2222222 2222222 3"),
    "plans:review": ("4244444 NNNNNNN 3", "4B44444 NNNNNNN 3"),
    "reporting:attach": ("MMMMMMM MMMMMMM 3", "N3444N4 NNNNNNN 3"),
    "reporting:attachment": ("N2222N2 NNNNNNN 3", "N2222N2 NNNNNNN 3"),
    "reporting:export[xlsx]": ("N2222N2 NNNNNNN 3", "N2222N2 NNNNNNN 3"),
    "reporting:list": ("2222222 2222222 3", "2222222 2222222 3"),
    "reporting:period": ("N2222N2 NNNNNNN 3", "N2222N2 NNNNNNN 3"),
    "reporting:report": ("N2222N2 NNNNNNN 3", "NB444N4 NNNNNNN 3"),
    "reporting:review[approve]": ("MMMMMMM MMMMMMM 3", "N3444N4 NNNNNNN 3"),
    "reporting:review[reopen]": ("MMMMMMM MMMMMMM 3", "N3444N4 NNNNNNN 3"),
    "reporting:review[return]": ("MMMMMMM MMMMMMM 3", "N3444N4 NNNNNNN 3"),
    # the two-step sign-in: nothing without a pending sign-in or fresh codes
    "security:recovery_codes": ("3333333 3333333 3", "3333333 3333333 3"),
    "security:renew_recovery_codes": ("MMMMMMM MMMMMMM M", "3333333 3333333 3"),
    "security:setup": ("3333333 3333333 3", "3333333 3333333 3"),
    "security:verify": ("3333333 3333333 3", "3333333 3333333 3"),
    "set_language": ("3333333 3333333 3", "3333333 3333333 3"),
    "tips:action[assign]": ("MMMMMMM MMMMMMM 3", "N4NN3NN NNNNNNN 3"),
    "tips:action[close]": ("MMMMMMM MMMMMMM 3", "N4NN3NN NNNNNNN 3"),
    "tips:action[verify]": ("MMMMMMM MMMMMMM 3", "N4NN3NN NNNNNNN 3"),
    "tips:contact": ("MMMMMMM MMMMMMM 3", "N4NN4NN NNNNNNN 3"),
    "tips:create": ("4444244 4444244 3", "4444244 4444244 3"),
    "tips:detail": ("N2NN2NN NNNNNNN 3", "N2NN2NN NNNNNNN 3"),
    "tips:export[csv]": ("4244244 4244244 3", "4244244 4244244 3"),
    "tips:list": ("4244244 4244244 3", "4244244 4244244 3"),
    "tips:report": ("2222222 2222222 2", "2222222 2222222 2"),
    "tips:status": ("2222222 2222222 2", "2222222 2222222 2"),
    "token_create": ("MMMMMMM MMMMMMM 3", "BBBBBBB BBBBBBB 3"),
    "token_revoke": ("MMMMMMM MMMMMMM 3", "N3NNNNN NNNNNNN 3"),
    "home": ("2222222 2222222 3", "2222222 2222222 3"),
}

# The values a str parameter takes; a page with several is walked once for each.
WEB_VARIANTS = {
    "reporting:review": [{"action": a} for a in ("approve", "return", "reopen")],
    "tips:action": [{"action": a} for a in ("assign", "verify", "close")],
    "hotspots:export": [{"fmt": "csv"}],
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
}

API = {
    "GET /api/v1/cases": "2222222 2222222 1",
    "GET /api/v1/cases/{case_id}": "N2NNN2N NNNNNNN 1",
    "GET /api/v1/people": "2222222 2222222 1",
    "GET /api/v1/people/stats": "2222222 2222222 1",
    "GET /api/v1/people/{person_id}": "N2NNN2N NNNNNNN 1",
    "POST /api/v1/cases/{case_id}/close": "VVVVVVV VVVVVVV 1",
    "POST /api/v1/cases/{case_id}/consents": "VVVVVVV VVVVVVV 1",
    "POST /api/v1/cases/{case_id}/follow-ups": "VVVVVVV VVVVVVV 1",
    "POST /api/v1/cases/{case_id}/services": "VVVVVVV VVVVVVV 1",
    "POST /api/v1/people": "VVVVVVV VVVVVVV 1",
    "POST /api/v1/people/{person_id}/break-glass": "VVVVVVV VVVVVVV 1",
    "POST /api/v1/services/{service_id}/answer": "VVVVVVV VVVVVVV 1",
    "GET /api/v1/plans/{plan_id}/agencies/{agency_id}/progress": "N2222N2 NNNNNNN 1",
    "GET /api/v1/assessments": "4224442 4224442 1",
    "GET /api/v1/assessments/{assessment_id}": "N22NNN2 NNNNNNN 1",
    "PATCH /api/v1/assessments/{assessment_id}": "N22NNN4 NNNNNNN 1",
    "POST /api/v1/assessments": "VVVVVVV VVVVVVV 1",
    "POST /api/v1/assessments/{assessment_id}/review": "VVVVVVV VVVVVVV 1",
    "GET /api/v1/inspections/{inspection_id}": "N2N22NN NNNNNNN 1",
    "GET /api/v1/sanctions": "2222222 2222222 1",
    "GET /api/v1/sanctions/{sanction_id}": "N2N22NN NNNNNNN 1",
    "PATCH /api/v1/inspections/{inspection_id}": "N4N24NN NNNNNNN 1",
    "PATCH /api/v1/sanctions/{sanction_id}": "N4N22NN NNNNNNN 1",
    "POST /api/v1/sanctions": "VVVVVVV VVVVVVV 1",
    "GET /api/v1/agencies": "2222222 2222222 1",
    "GET /api/v1/agencies/{agency_id}": "2222222 NNNNNNN 1",
    "GET /api/v1/establishments": "4242244 4242244 1",
    "GET /api/v1/establishments/{establishment_id}": "N2N22NN NNNNNNN 1",
    "GET /api/v1/hotspots": "4242244 4242244 1",
    "GET /api/v1/hotspots/{hotspot_id}": "N2N22NN NNNNNNN 1",
    "GET /api/v1/inspections": "4242244 4242244 1",
    "GET /api/v1/me": "2222222 2222222 1",
    "GET /api/v1/periods": "2222222 2222222 1",
    "GET /api/v1/periods/{period_id}/rollup": "N2222N2 NNNNNNN 1",
    "GET /api/v1/plans": "2222222 2222222 1",
    "GET /api/v1/plans/{plan_id}": "2222222 NNNNNNN 1",
    "GET /api/v1/plans/{plan_id}/progress": "2222222 NNNNNNN 1",
    "GET /api/v1/reports": "2222222 2222222 1",
    "GET /api/v1/reports/{report_id}": "N2222N2 NNNNNNN 1",
    "GET /api/v1/tips": "2222222 2222222 1",
    "GET /api/v1/tips/{tip_id}": "N2NN2NN NNNNNNN 1",
    "GET /api/v1/units": "2222222 2222222 1",
    "GET /api/v1/units/{unit_id}": "2222222 2222222 1",
    "PATCH /api/v1/establishments/{establishment_id}": "VVVVVVV VVVVVVV 1",
    "PATCH /api/v1/hotspots/{hotspot_id}": "N4N42NN NNNNNNN 1",
    "PATCH /api/v1/tips/{tip_id}": "N4NNBNN NNNNNNN 1",
    "POST /api/v1/establishments": "VVVVVVV VVVVVVV 1",
    "POST /api/v1/hotspots": "VVVVVVV VVVVVVV 1",
    "POST /api/v1/inspections": "VVVVVVV VVVVVVV 1",
    "POST /api/v1/plans/extract": "VVVVVVV VVVVVVV 1",
    "POST /api/v1/reports/{report_id}/{action}[approve]": "NB444N4 NNNNNNN 1",
    "POST /api/v1/reports/{report_id}/{action}[reopen]": "NB444N4 NNNNNNN 1",
    "POST /api/v1/reports/{report_id}/{action}[return]": "NB444N4 NNNNNNN 1",
    "POST /api/v1/reports/{report_id}/{action}[submit]": "N2444N4 NNNNNNN 1",
    "POST /api/v1/tips": "VVVVVVV VVVVVVV 1",
    "PUT /api/v1/reports/{report_id}": "VVVVVVV VVVVVVV 1",
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
            return values[key]
    raise AssertionError(f"the matrix test has no value for <{param}> of {endpoint_name}")


def _format(rows: dict) -> str:
    return "\n".join(f"    {name!r}: {row!r}," for name, row in sorted(rows.items()))


def test_every_page_answers_every_user_as_the_table_says(world, settings):
    settings.TIP_RATE_LIMITS = {"report": (10_000, 3600), "status": (10_000, 3600)}
    observed, unknown = {}, []
    for endpoint in web_endpoints():
        for extra in WEB_VARIANTS.get(endpoint.name, [{}]):
            name = variant_name(endpoint.name, extra)
            values = {
                p: extra[p] if p in extra else _value(world["values"], endpoint.name, p)
                for p in endpoint.params
            }
            url = fill(endpoint.route, values)
            got = (
                answers(lambda c, url=url: c.get(url).status_code, world["web"]),
                answers(lambda c, url=url: c.post(url, {}).status_code, world["web"]),
            )
            observed[name] = got
            if name not in WEB:
                unknown.append(name)
    wrong = {n: got for n, got in observed.items() if n in WEB and WEB[n] != got}
    stale = sorted(set(WEB) - set(observed))
    assert not unknown, (
        "pages missing from the permission table WEB (decide who may see them, then add "
        f"them): {unknown}\nobserved:\n{_format({n: observed[n] for n in unknown})}"
    )
    assert not wrong, "pages answering otherwise than the table says:\n" + "\n".join(
        f"    {n}: expected {WEB[n]!r}, got {got!r}" for n, got in wrong.items()
    )
    assert not stale, f"the table names pages that no longer exist: {stale}"


def test_every_api_operation_answers_every_user_as_the_table_says(world, client):
    openapi = json.loads(client.get("/api/v1/openapi.json").content)
    observed, unknown = {}, []
    for endpoint in api_endpoints(openapi):
        method, _path = endpoint.name.split(" ", 1)
        for extra in API_VARIANTS.get(endpoint.name, [{}]):
            name = variant_name(endpoint.name, extra)
            values = {
                p: extra[p] if p in extra else _value(world["values"], endpoint.name, p)
                for p in endpoint.params
            }
            url = fill(endpoint.route, values)

            def send(c, url=url, method=method):
                if method == "GET":
                    return c.get(url).status_code
                return c.generic(method, url, "{}", content_type="application/json").status_code

            observed[name] = answers(send, world["api"])
            if name not in API:
                unknown.append(name)
    wrong = {n: got for n, got in observed.items() if n in API and API[n] != got}
    stale = sorted(set(API) - set(observed))
    assert not unknown, (
        "API operations missing from the permission table API (decide who may call them, "
        f"then add them): {unknown}\nobserved:\n" + _format({n: observed[n] for n in unknown})
    )
    assert not wrong, "API operations answering otherwise than the table says:\n" + "\n".join(
        f"    {n}: expected {API[n]!r}, got {got!r}" for n, got in wrong.items()
    )
    assert not stale, f"the table names operations that no longer exist: {stale}"


def test_the_matrix_walks_every_user():
    assert len(WHO) == 2 * len(ROLES) + 1
    from lanhmanh.agencies.roles import Role

    assert Role.values == ROLES

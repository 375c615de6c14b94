"""Headers and secrets: CSP with nonces on every page, secure cookies behind HTTPS, CSRF
on every form, and no identity, contact, password, code or token in the logs, the URLs
or the error pages of a full scenario."""

from __future__ import annotations

import logging
import os
import re
import subprocess
import sys

import pytest
from django.test import Client
from django.urls import reverse

from lanhmanh.security.matrix import fill, web_endpoints

from .test_permission_matrix import WEB_VARIANTS, _value

pytestmark = pytest.mark.django_db

SCRIPT_WITHOUT_SRC = re.compile(r"<script(?![^>]*\ssrc=)([^>]*)>", re.I)
INLINE_HANDLER = re.compile(r"<[^>]+\son[a-z]+\s*=", re.I)
STYLE_ATTRIBUTE = re.compile(r"<[^>]+\sstyle\s*=", re.I)
STYLE_ELEMENT = re.compile(r"<style([^>]*)>", re.I)


def pages(world):
    """(name, url) of every page, with the demo's records in the parameters."""
    for endpoint in web_endpoints():
        for extra in WEB_VARIANTS.get(endpoint.name, [{}]):
            values = {
                p: extra[p] if p in extra else _value(world["values"], endpoint.name, p)
                for p in endpoint.params
            }
            yield endpoint.name, fill(endpoint.route, values)


def test_every_page_keeps_the_content_security_policy(world):
    # coordinator, police (inside), anonymous
    clients = [world["web"][1], world["web"][4], world["web"][14]]
    problems, seen = [], 0
    for name, url in pages(world):
        for client in clients:
            response = client.get(url)
            if response.status_code != 200 or "text/html" not in response.get("Content-Type", ""):
                continue
            seen += 1
            policy = response.get("Content-Security-Policy", "")
            html = response.content.decode()
            nonce = re.search(r"'nonce-([^']+)'", policy)
            if "script-src 'self'" not in policy or "unsafe-" in policy:
                problems.append(f"{name}: weak policy {policy!r}")
            if "frame-ancestors 'none'" not in policy or response.get("X-Frame-Options") != "DENY":
                problems.append(f"{name}: may be framed")
            if response.get("X-Content-Type-Options") != "nosniff":
                problems.append(f"{name}: no nosniff")
            for attributes in SCRIPT_WITHOUT_SRC.findall(html) + STYLE_ELEMENT.findall(html):
                if not nonce or f'nonce="{nonce.group(1)}"' not in attributes:
                    problems.append(f"{name}: inline script or style without the nonce")
            if INLINE_HANDLER.search(html):
                problems.append(f"{name}: inline event handler (blocked by the policy)")
            if STYLE_ATTRIBUTE.search(html):
                problems.append(f"{name}: style attribute (blocked by the policy)")
    assert seen > 30
    assert not problems, "\n".join(sorted(set(problems)))


def test_a_script_with_the_nonce_matches_the_header(rf):
    from django.middleware.csp import ContentSecurityPolicyMiddleware
    from django.template import engines

    template = engines["django"].from_string("<script nonce='{{ csp_nonce }}'>1</script>")

    def view(request):
        from django.http import HttpResponse

        return HttpResponse(template.render({"csp_nonce": request._csp_nonce}, request))

    response = ContentSecurityPolicyMiddleware(view)(rf.get("/"))
    nonce = re.search(r"'nonce-([^']+)'", response["Content-Security-Policy"]).group(1)
    assert f"nonce='{nonce}'" in response.content.decode()


def _settings_with(env_extra):
    env = {k: v for k, v in os.environ.items() if not k.startswith(("LANHMANH_", "DATABASE_URL"))}
    env.update(
        {
            "DJANGO_SETTINGS_MODULE": "lanhmanh.settings",
            "LANHMANH_SECRET_KEY": "x" * 60,
            **env_extra,
        }
    )
    code = (
        "import django; django.setup(); from django.conf import settings as s; "
        "print(s.SESSION_COOKIE_SECURE, s.CSRF_COOKIE_SECURE, s.SECURE_SSL_REDIRECT, "
        "s.SECURE_HSTS_SECONDS > 0, s.SECURE_PROXY_SSL_HEADER is not None, "
        "s.SESSION_COOKIE_HTTPONLY, s.CSRF_COOKIE_HTTPONLY)"
    )
    done = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, env=env, timeout=60
    )
    assert done.returncode == 0, done.stderr
    return done.stdout.split()


def test_behind_https_the_cookies_are_secure(tmp_path):
    on = _settings_with({"LANHMANH_SECURE": "1", "LANHMANH_VAR_DIR": str(tmp_path)})
    assert on == ["True"] * 7
    off = _settings_with({"LANHMANH_VAR_DIR": str(tmp_path)})
    assert off[:5] == ["False"] * 5 and off[5:] == ["True", "True"]


def test_session_cookie_flags_on_sign_in(cast, client, settings):
    settings.SESSION_COOKIE_SECURE = True
    response = client.post(
        reverse("login"),
        {"username": cast.inside["police"].username, "password": "correct-horse-battery"},
        secure=True,
    )
    cookie = response.cookies[settings.SESSION_COOKIE_NAME]
    assert cookie["secure"] and cookie["httponly"] and cookie["samesite"] == "Lax"


def test_every_form_needs_its_csrf_token(world, cast):
    strict_user = Client(enforce_csrf_checks=True)
    strict_user.force_login(cast.inside["coordinator"])
    strict_anonymous = Client(enforce_csrf_checks=True)
    exempt = []
    for name, url in pages(world):
        for client in (strict_user, strict_anonymous):
            response = client.post(url, {})
            refused = response.status_code == 403 and "403_csrf.html" in [
                t.name for t in response.templates
            ]
            if not refused:
                exempt.append(f"{name} ({response.status_code})")
    assert not exempt, f"accepted a POST without a CSRF token: {sorted(set(exempt))}"
    # The API: a browser session must send the token too; a bearer token needs none.
    api = strict_user.post("/api/v1/tips", "{}", content_type="application/json")
    assert api.status_code == 403


# --- no secret in logs, URLs or error pages ----------------------------------------------

SENDER = {"sender_name": "Trần Thị Bí Mật", "sender_phone": "0987654321"}
SENDER_EMAIL = "bimat.nguoigui@example.test"


@pytest.fixture
def everything_logged(caplog):
    caplog.set_level(logging.DEBUG)
    for name in ("django.request", "django.security", "lanhmanh", "axes", "django_otp"):
        logging.getLogger(name).setLevel(logging.DEBUG)
    return caplog


def test_no_identity_or_secret_in_logs_urls_or_error_pages(
    world, cast, everything_logged, settings
):
    """A full scenario: a public tip with a contact, its handling and the contact's
    reveal, an API token made and used, sign-ins with a password, a wrong one, a two-
    factor code and a recovery code, a refused form and a crash. Then the logs, every
    URL the server sent back and every page are searched for the secrets."""
    from lanhmanh.api.actions import create_token
    from lanhmanh.security import actions as security_actions
    from lanhmanh.security.demo import current_code
    from lanhmanh.tips.models import Tip

    settings.TIP_RATE_LIMITS = {"report": (100, 3600), "status": (100, 3600)}
    settings.DEBUG_PROPAGATE_EXCEPTIONS = False
    secrets_used = [*SENDER.values(), SENDER_EMAIL, "correct-horse-battery", "wrong-password-1"]
    urls, bodies = [], []

    def keep(response):
        bodies.append(response.content.decode(errors="replace"))
        if response.get("Location"):
            urls.append(response["Location"])
        return response

    public = Client()
    url = f"/tips/report/?province={cast.province.pk}"
    content = "Quán karaoke ở ngõ 5 có dấu hiệu môi giới mại dâm vào ban đêm."
    form = {
        "province": cast.province.pk,
        "commune": cast.commune.pk,
        "category": "prostitution",
        "content": content,
        **SENDER,
        "sender_email": SENDER_EMAIL,
    }
    keep(public.post(url, form))
    keep(public.post(url, {**form, "content": "ngắn"}))  # refused form echoes only to sender
    tip = Tip.objects.get(content=content)
    reference = tip.reference
    keep(public.post("/tips/status/", {"code": reference}))

    from lanhmanh.agencies.models import Agency

    police_agency = Agency.objects.get(name="Công an tỉnh Nghệ An")
    police = Client()
    keep(police.post(reverse("login"), {"username": "police", "password": "wrong-password-1"}))
    keep(police.post(reverse("login"), {"username": "police", "password": "lanhmanh-demo"}))
    keep(
        police.post(
            f"/tips/{tip.pk}/assign/",
            {"agency": police_agency.pk, "note": "Chuyển xử lý"},
        )
    )
    tip.refresh_from_db()
    keep(police.post(f"/tips/{tip.pk}/contact/", {"reason": "Cần xác minh thông tin"}))

    _record, token = create_token(cast.inside["coordinator"], "scenario")
    secrets_used.append(token)
    api = Client(HTTP_AUTHORIZATION=f"Bearer {token}")
    keep(api.get("/api/v1/plans"))
    keep(Client(HTTP_AUTHORIZATION=f"Bearer {token}x").get("/api/v1/plans"))
    keep(api.get(f"/api/v1/tips/{tip.pk}"))

    coordinator = Client()
    keep(
        coordinator.post(reverse("login"), {"username": "coordinator", "password": "lanhmanh-demo"})
    )
    code = current_code()
    secrets_used.append(code)
    signed_in = keep(coordinator.post(reverse("security:verify"), {"code": code}))
    assert signed_in.status_code == 302 and signed_in["Location"] == reverse("home")
    assert coordinator.session.get("_auth_user_id"), "the coordinator's code step failed"
    case_worker = cast.inside["case_worker"]
    case_worker.set_password("a-long-password-for-the-scenario")
    case_worker.save()
    secrets_used.append("a-long-password-for-the-scenario")
    from lanhmanh.security import twofactor
    from lanhmanh.security.tests.test_accounts import enrolled

    # Enrolling makes new recovery codes: the codes used are the ones made after it.
    enrolled(case_worker)
    recovery = security_actions.renew_recovery_codes(case_worker)
    secrets_used.extend(recovery)
    worker = Client()
    password_step = keep(
        worker.post(
            reverse("login"),
            {"username": case_worker.username, "password": "a-long-password-for-the-scenario"},
        )
    )
    assert password_step["Location"] == reverse("security:verify")
    signed_in = keep(worker.post(reverse("security:verify"), {"code": recovery[0]}))
    # The recovery code really signed her in: a redirect home, her session, one code
    # used, and the page after it says so.
    assert signed_in.status_code == 302, "the recovery code was refused"
    assert signed_in["Location"] == reverse("home")
    assert worker.session.get("_auth_user_id") == str(case_worker.pk)
    assert twofactor.recovery_codes_left(case_worker) == len(recovery) - 1
    home = keep(worker.get(signed_in["Location"]))
    assert home.status_code == 200 and home.context["user"] == case_worker
    assert "mã khôi phục" in home.content.decode() or "recovery code" in home.content.decode()

    # The people register: the demo's people, and one taken in through the API and read
    # back by her case worker (an identity read, logged as an access, never as text).
    from lanhmanh import crypto
    from lanhmanh.people.models import Person

    for person in Person.objects.all():
        secrets_used.extend(
            value
            for value in (
                crypto.decrypt(person.full_name_enc),
                crypto.decrypt(person.id_number_enc),
            )
            if value
        )
    _record, worker_token = create_token(case_worker, "scenario")
    secrets_used.append(worker_token)
    people_api = Client(HTTP_AUTHORIZATION=f"Bearer {worker_token}")
    person = {
        "full_name": "Đinh Thị Phượng Thử",
        "id_number": "040398765432",
        "birth_year": 1996,
        "phone": "0912000111",
        "commune_code": cast.commune.code,
        "groups": ["sells_sex"],
    }
    secrets_used.extend([person["full_name"], person["id_number"], person["phone"]])
    made = keep(people_api.post("/api/v1/people", person, content_type="application/json"))
    assert made.status_code == 201, made.content
    keep(people_api.get(f"/api/v1/people/{made.json()['id']}"))
    bodies.pop()  # the case worker's own read shows the identity, as it should

    # A crash while the request carries a contact: the error page and the log entry
    # must not repeat it.
    crashing = Client(raise_request_exception=False)
    crashing.force_login(cast.inside["police"])
    from unittest import mock

    with mock.patch("lanhmanh.tips.views.get_tip_for_user", side_effect=RuntimeError("boom")):
        crash = keep(crashing.post(f"/tips/{tip.pk}/note/", {"note": SENDER["sender_phone"]}))
    assert crash.status_code == 500

    logs = everything_logged.text + "\n".join(
        r.getMessage() + str(r.args) for r in everything_logged.records
    )
    assert "tip received" in logs or "tip" in logs  # the scenario did log
    leaked = [s for s in secrets_used if s in logs]
    assert not leaked, f"in the logs: {leaked}"
    in_urls = [s for s in [*secrets_used, reference] if any(s in u for u in urls)]
    assert not in_urls, f"in a URL: {in_urls}"
    assert SENDER["sender_phone"] not in bodies[-1], "the error page repeats the request"
    # Only the pages meant to show them do: the sender's own form, the handler's reveal.
    shown = [i for i, body in enumerate(bodies) if SENDER["sender_name"] in body]
    assert 1 <= len(shown) <= 2, "the handler's reveal shows the contact, no other page"
    assert len(everything_logged.records) > 20
    assert token not in "".join(bodies)

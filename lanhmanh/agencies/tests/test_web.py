"""The web shell: login, lockout, logout, password, language, navigation, error pages."""

import pytest
from django.test import override_settings
from django.urls import reverse

from lanhmanh.agencies.roles import Role
from lanhmanh.testing import PASSWORD, make_user

pytestmark = pytest.mark.django_db


def login(client, username, password=PASSWORD):
    return client.post(reverse("login"), {"username": username, "password": password})


def test_home_requires_login(client):
    response = client.get("/")
    assert response.status_code == 302
    assert response.url.startswith(reverse("login"))


def test_login_page_is_vietnamese_by_default(client):
    response = client.get(reverse("login"))
    assert response.status_code == 200
    assert response["Content-Language"] == "vi"
    assert '<html lang="vi">' in response.content.decode()
    assert "Đăng nhập" in response.content.decode()


def test_login_and_logout(client, cast):
    # A role that signs in with the password alone (the two-step sign-in of coordinators
    # is tested in lanhmanh/security).
    user = cast.inside[Role.REPORTER]
    response = login(client, user.username)
    assert response.status_code == 302 and response.url == "/"
    home = client.get("/")
    assert home.status_code == 200
    assert cast.province_agency.name in home.content.decode()
    # Logout is a POST (a GET cannot log anybody out from a link in an e-mail).
    assert client.get(reverse("logout")).status_code == 405
    assert client.post(reverse("logout")).status_code == 302
    assert client.get("/").status_code == 302


def test_wrong_password_shows_a_form_error(client, cast):
    response = login(client, cast.inside[Role.REPORTER].username, "wrong")
    assert response.status_code == 200
    assert response.context["form"].errors


@override_settings(AXES_FAILURE_LIMIT=3)
def test_lockout_after_repeated_failures(client, cast):
    user = cast.inside[Role.REPORTER]
    for _ in range(2):
        assert login(client, user.username, "wrong").status_code == 200
    locked = login(client, user.username, "wrong")
    assert locked.status_code == 429
    assert "registration/locked_out.html" in [t.name for t in locked.templates]
    # Even the right password is refused while the lock lasts…
    assert login(client, user.username).status_code == 429
    # …but other users are not affected.
    assert login(client, cast.inside[Role.VIEWER].username).status_code == 302


def test_password_change(client, cast):
    user = cast.inside[Role.VIEWER]
    client.force_login(user)
    response = client.post(
        reverse("password_change"),
        {
            "old_password": PASSWORD,
            "new_password1": "a-much-longer-passphrase-2026",
            "new_password2": "a-much-longer-passphrase-2026",
        },
    )
    assert response.status_code == 302
    user.refresh_from_db()
    assert user.check_password("a-much-longer-passphrase-2026")


def test_password_change_rejects_weak_password(client, cast):
    client.force_login(cast.inside[Role.VIEWER])
    response = client.post(
        reverse("password_change"),
        {"old_password": PASSWORD, "new_password1": "123", "new_password2": "123"},
    )
    assert response.status_code == 200
    assert response.context["form"].errors["new_password2"]


def test_switch_to_english_and_back(client, cast):
    client.force_login(cast.inside[Role.COORDINATOR])
    client.post(reverse("set_language"), {"language": "en", "next": "/"})
    english = client.get("/")
    assert english["Content-Language"] == "en"
    assert "Log out" in english.content.decode()
    client.post(reverse("set_language"), {"language": "vi", "next": "/"})
    assert "Đăng xuất" in client.get("/").content.decode()


def test_session_expires_when_idle(settings):
    # Kept alive by each request (security/tests/test_accounts.py tests the expiry).
    session = settings.MIDDLEWARE.index("django.contrib.sessions.middleware.SessionMiddleware")
    assert settings.MIDDLEWARE[session + 1] == "lanhmanh.middleware.IdleSessionMiddleware"
    assert 0 < settings.SESSION_COOKIE_AGE <= 8 * 3600


@pytest.mark.parametrize(
    ("role", "sees_admin"),
    [(r, r == Role.ADMIN) for r in Role.values],
)
def test_navigation_by_role(client, cast, role, sees_admin):
    user = cast.inside[role]
    user.is_staff = role == Role.ADMIN
    user.save()
    client.force_login(user)
    nav = [item["url"] for item in client.get("/").context["nav_items"]]
    assert (reverse("admin:index") in nav) is sees_admin
    assert reverse("agencies:list") in nav


def test_staff_without_admin_role_does_not_get_the_admin_link(client, cast):
    user = cast.inside[Role.REPORTER]
    user.is_staff = True
    user.save()
    client.force_login(user)
    nav = [item["url"] for item in client.get("/").context["nav_items"]]
    assert reverse("admin:index") not in nav


def test_django_admin_for_system_administrators(client, db):
    admin = make_user(is_staff=True, is_superuser=True)
    client.force_login(admin)
    assert client.get(reverse("admin:index")).status_code == 200
    assert (
        client.get(reverse("admin:places_administrativeunit_changelist") + "?q=ha+noi").status_code
        == 200
    )


def test_friendly_404(client, cast):
    client.force_login(cast.inside[Role.VIEWER])
    response = client.get("/no-such-page/")
    assert response.status_code == 404
    assert "Không tìm thấy trang" in response.content.decode()


def test_friendly_500(client, cast, settings):
    from django.urls import path

    def boom(request):
        raise RuntimeError("a bug")

    urls = type("urls", (), {"urlpatterns": [path("boom/", boom)]})
    settings.ROOT_URLCONF = urls
    client.raise_request_exception = False
    response = client.get("/boom/")
    assert response.status_code == 500
    body = response.content.decode()
    assert "a bug" not in body and "Traceback" not in body
    assert "Đã có lỗi xảy ra" in body


def test_debug_is_off_by_default(settings):
    assert settings.DEBUG is False


def test_security_headers(client):
    response = client.get(reverse("login"))
    assert "default-src 'self'" in response["Content-Security-Policy"]
    assert response["X-Frame-Options"] == "DENY"
    assert response["X-Content-Type-Options"] == "nosniff"


def test_english_browser_still_gets_vietnamese_until_the_user_switches(client):
    response = client.get(reverse("login"), headers={"Accept-Language": "en-US,en;q=0.9"})
    assert response["Content-Language"] == "vi"
    client.post(reverse("set_language"), {"language": "en", "next": "/"})
    assert client.get(reverse("login"))["Content-Language"] == "en"


def test_friendly_403(client, cast, settings):
    from django.core.exceptions import PermissionDenied
    from django.urls import include, path

    def forbidden(request):
        raise PermissionDenied

    urls = type(
        "urls", (), {"urlpatterns": [path("no/", forbidden), path("", include("lanhmanh.urls"))]}
    )
    settings.ROOT_URLCONF = urls
    client.force_login(cast.inside[Role.VIEWER])
    response = client.get("/no/")
    assert response.status_code == 403
    assert "Bạn không có quyền thực hiện thao tác này" in response.content.decode()


def test_expired_form_gets_a_friendly_csrf_page(cast):
    from django.test import Client

    browser = Client(enforce_csrf_checks=True)
    response = browser.post(reverse("login"), {"username": "x", "password": "y"})
    assert response.status_code == 403
    assert "Vui lòng thử lại" in response.content.decode()


def test_unit_search_with_bad_input_shows_errors(client, cast):
    client.force_login(cast.inside[Role.VIEWER])
    response = client.get(reverse("places:units"), {"as_of": "31/02/2024", "q": "x" * 300})
    assert response.status_code == 200
    form = response.context["form"]
    assert form.errors["as_of"] and form.errors["q"]
    assert (
        client.get(reverse("places:units"), {"as_of": "31/12/2024", "q": "vinh"}).status_code == 200
    )

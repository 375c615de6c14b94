"""Sign-in in two steps for the roles that need it: password, then a code.

The password step (``LoginView``) does not log such a user in: it keeps a pending
sign-in in the session for a few minutes, and the code step finishes it. A user with
no authenticator yet enrols first (secret and QR code, then a code to confirm), and
is shown ten recovery codes once. Each wrong code counts as a failed login for the
lockout (django-axes), and three wrong codes end the pending sign-in. A locked account
finishes no sign-in: the code step asks the lockout before it looks at a code, so a
lock that falls while a sign-in waits (wrong codes here, guesses elsewhere) ends it.
"""

from __future__ import annotations

import base64
import time

from axes.handlers.proxy import AxesProxyHandler
from axes.helpers import get_lockout_response
from django.conf import settings
from django.contrib import messages
from django.contrib.auth import get_user_model, login, logout
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.contrib.auth.signals import user_login_failed
from django.shortcuts import redirect, render, resolve_url
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.debug import sensitive_post_parameters
from django.views.decorators.http import require_POST
from django_otp import login as otp_login

from . import actions, twofactor
from .forms import CodeForm

PENDING = "lanhmanh_pending_login"
CODES = "lanhmanh_recovery_codes"
PENDING_SECONDS = 300
WRONG_CODES_PER_SIGN_IN = 3


class LoginView(auth_views.LoginView):
    redirect_authenticated_user = True

    def form_valid(self, form):
        user = form.get_user()
        if not twofactor.requires_two_factor(user):
            return super().form_valid(form)
        self.request.session.cycle_key()
        self.request.session[PENDING] = {
            "user": user.pk,
            "backend": user.backend,
            "at": time.time(),
            "next": self.get_success_url(),
            "wrong": 0,
        }
        if twofactor.authenticator(user) is None:
            return redirect("security:setup")
        return redirect("security:verify")


def _pending(request):
    """(user, pending data) of a sign-in waiting for its code, or (None, None)."""
    data = request.session.get(PENDING)
    if not data or time.time() - data.get("at", 0) > PENDING_SECONDS:
        request.session.pop(PENDING, None)
        return None, None
    user = get_user_model().objects.filter(pk=data["user"], is_active=True).first()
    return user, data


def _credentials(user) -> dict:
    return {"username": user.get_username()}


def _locked_out(request, user):
    """The lockout page if ``user``'s account is locked (the pending sign-in ends), or None."""
    if not AxesProxyHandler.is_locked(request, _credentials(user)):
        return None
    request.session.pop(PENDING, None)
    return get_lockout_response(request, credentials=_credentials(user))


def _finish(request, user, data, device):
    request.session.pop(PENDING, None)
    user.otp_device = device  # django-otp marks the session verified on login
    login(request, user, backend=data["backend"])
    twofactor.mark_fresh(request)
    target = data.get("next") or settings.LOGIN_REDIRECT_URL
    if not url_has_allowed_host_and_scheme(target, {request.get_host()}, request.is_secure()):
        target = settings.LOGIN_REDIRECT_URL
    return target


def _wrong_code(request, user, data, form):
    # A wrong code is a failed login for the lockout, like a wrong password.
    user_login_failed.send(sender=__name__, credentials=_credentials(user), request=request)
    locked = _locked_out(request, user)
    if locked is not None:
        return locked
    data["wrong"] = data.get("wrong", 0) + 1
    if data["wrong"] >= WRONG_CODES_PER_SIGN_IN:
        request.session.pop(PENDING, None)
        messages.error(request, _("Too many wrong codes: sign in again."))
        return redirect(settings.LOGIN_URL)
    request.session[PENDING] = data
    form.add_error("code", _("This code is not right, or it was already used."))
    return None


def _restart(request):
    messages.error(request, _("Your sign-in has expired: enter your password again."))
    return redirect(settings.LOGIN_URL)


@never_cache
@sensitive_post_parameters("code")
def verify(request):
    user, data = _pending(request)
    if user is None:
        return _restart(request)
    if (locked := _locked_out(request, user)) is not None:
        return locked
    if twofactor.authenticator(user) is None:
        return redirect("security:setup")
    form = CodeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        device = twofactor.verify(user, form.cleaned_data["code"])
        if device is not None:
            target = _finish(request, user, data, device)
            if not device.__class__.__name__.startswith("TOTP"):
                messages.warning(
                    request,
                    _("You signed in with a recovery code; %(n)s are left.")
                    % {"n": twofactor.recovery_codes_left(user)},
                )
            return redirect(target)
        refused = _wrong_code(request, user, data, form)
        if refused is not None:
            return refused
    return render(request, "security/verify.html", {"form": form}, status=200)


def _qr_data_uri(text: str) -> str:
    import segno

    svg = segno.make(text, error="m").svg_inline(scale=4, border=2)
    return "data:image/svg+xml;base64," + base64.b64encode(svg.encode()).decode()


@never_cache
@sensitive_post_parameters("code")
def setup(request):
    user, data = _pending(request)
    if user is None:
        return _restart(request)
    if (locked := _locked_out(request, user)) is not None:
        return locked
    if twofactor.authenticator(user) is not None:
        return redirect("security:verify")
    device = actions.start_enrolment(user)
    form = CodeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        codes = actions.confirm_enrolment(user, device, form.cleaned_data["code"])
        if codes is not None:
            target = _finish(request, user, data, device)
            request.session[CODES] = {"codes": codes, "next": target}
            return redirect("security:recovery_codes")
        refused = _wrong_code(request, user, data, form)
        if refused is not None:
            return refused
    context = {
        "form": form,
        "secret": twofactor.secret_of(device),
        "qr": _qr_data_uri(device.config_url),
    }
    return render(request, "security/setup.html", context)


def _safe_next(request, default: str = "account") -> str:
    target = request.POST.get("next") or request.GET.get("next") or ""
    if target and url_has_allowed_host_and_scheme(
        target, {request.get_host()}, request.is_secure()
    ):
        return target
    return resolve_url(default)


def _sign_out_locked(request, user):
    response = get_lockout_response(request, credentials=_credentials(user))
    logout(request)
    return response


@never_cache
@sensitive_post_parameters("code")
@login_required
def confirm(request):
    """A fresh code from the signed-in user, for what needs one (making an API token
    that reaches identities): ``next`` follows within the few minutes it opens.

    A user with no authenticator yet (police, inspectors sign in with the password
    alone) enrols one here and is shown recovery codes. Wrong codes count as failed
    logins; a locked account is signed out.
    """
    user = request.user
    target = _safe_next(request)
    if AxesProxyHandler.is_locked(request, _credentials(user)):
        return _sign_out_locked(request, user)
    device = twofactor.authenticator(user)
    enrolling = device is None
    if enrolling:
        device = actions.start_enrolment(user)
    form = CodeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        code = form.cleaned_data["code"]
        codes = None
        if enrolling:
            codes = actions.confirm_enrolment(user, device, code)
            accepted = device if codes is not None else None
        else:
            accepted = twofactor.verify(user, code)
        if accepted is not None:
            otp_login(request, accepted)
            twofactor.mark_fresh(request)
            if codes is not None:
                request.session[CODES] = {"codes": codes, "next": target}
                return redirect("security:recovery_codes")
            return redirect(target)
        user_login_failed.send(sender=__name__, credentials=_credentials(user), request=request)
        if AxesProxyHandler.is_locked(request, _credentials(user)):
            return _sign_out_locked(request, user)
        form.add_error("code", _("This code is not right, or it was already used."))
    context = {"form": form, "next": target, "enrolling": enrolling}
    if enrolling:
        context.update(secret=twofactor.secret_of(device), qr=_qr_data_uri(device.config_url))
    return render(request, "security/confirm.html", context)


@never_cache
@login_required
def recovery_codes(request):
    """The new recovery codes, shown once."""
    shown = request.session.pop(CODES, None)
    if not shown:
        return redirect("account")
    return render(
        request,
        "security/recovery_codes.html",
        {"codes": shown["codes"], "next": shown.get("next") or settings.LOGIN_REDIRECT_URL},
    )


@require_POST
@login_required
def renew_recovery_codes(request):
    if not request.user.is_verified():
        messages.error(request, _("Sign in with your code first to renew recovery codes."))
        return redirect("account")
    codes = actions.renew_recovery_codes(request.user)
    request.session[CODES] = {"codes": codes, "next": "/accounts/"}
    return redirect("security:recovery_codes")

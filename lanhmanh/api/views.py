"""The account page's token section: issue a token (shown once) and revoke tokens.

A token of a user who may read identities is made only right after a two-factor check
(``security.twofactor.fresh``): otherwise the page sends to the code step first, and one
code makes one token.
"""

from urllib.parse import urlencode

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from lanhmanh.security import twofactor

from .actions import create_token, reads_identities, revoke_tokens
from .forms import NewTokenForm
from .models import ApiToken


def _needs_code(request) -> bool:
    return reads_identities(request.user) and not twofactor.fresh(request)


def _confirm_first(request):
    messages.info(request, _("Tokens that reach identities need a fresh code first."))
    query = urlencode({"next": reverse("account")}, safe="/")
    return redirect(f"{reverse('security:confirm')}?{query}")


def _page(request, form, status=200):
    tokens = ApiToken.objects.filter(user=request.user, revoked_at__isnull=True)
    memberships = request.user.memberships.select_related("agency", "agency__jurisdiction")
    context = {
        "tokens": tokens,
        "memberships": memberships,
        "form": form,
        "needs_code": _needs_code(request),
        "identity_access": reads_identities(request.user),
        "token_days": settings.API_TOKEN_DAYS_SENSITIVE,
        "new_token": request.session.pop("new_token", None),
    }
    return render(request, "api/account.html", context, status=status)


@login_required
def account(request):
    return _page(request, NewTokenForm())


@login_required
@require_POST
def token_create(request):
    if _needs_code(request):
        return _confirm_first(request)
    form = NewTokenForm(request.POST)
    if not form.is_valid():
        return _page(request, form, status=400)
    _token, secret = create_token(
        request.user, name=form.cleaned_data["name"], acting_user=request.user
    )
    twofactor.spend_fresh(request)
    # Shown on the next page only, then forgotten: the database keeps a digest.
    request.session["new_token"] = secret
    return redirect("account")


@login_required
@require_POST
def token_revoke(request, pk):
    token = get_object_or_404(ApiToken, pk=pk, user=request.user, revoked_at__isnull=True)
    revoke_tokens(request.user, token_id=token.pk, acting_user=request.user)
    messages.success(request, _("The token %(prefix)s… was revoked.") % {"prefix": token.prefix})
    return redirect("account")

"""The account page's token section: issue a token (shown once) and revoke tokens."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from .actions import create_token, revoke_tokens
from .forms import NewTokenForm
from .models import ApiToken


@login_required
def account(request):
    tokens = ApiToken.objects.filter(user=request.user, revoked_at__isnull=True)
    memberships = request.user.memberships.select_related("agency", "agency__jurisdiction")
    return render(
        request,
        "api/account.html",
        {
            "tokens": tokens,
            "memberships": memberships,
            "form": NewTokenForm(),
            "new_token": request.session.pop("new_token", None),
        },
    )


@login_required
@require_POST
def token_create(request):
    form = NewTokenForm(request.POST)
    if not form.is_valid():
        tokens = ApiToken.objects.filter(user=request.user, revoked_at__isnull=True)
        return render(request, "api/account.html", {"tokens": tokens, "form": form}, status=400)
    _token, secret = create_token(request.user, name=form.cleaned_data["name"])
    # Shown on the next page only, then forgotten: the database keeps a digest.
    request.session["new_token"] = secret
    return redirect("account")


@login_required
@require_POST
def token_revoke(request, pk):
    token = get_object_or_404(ApiToken, pk=pk, user=request.user, revoked_at__isnull=True)
    revoke_tokens(request.user, token_id=token.pk)
    messages.success(request, _("The token %(prefix)s… was revoked.") % {"prefix": token.prefix})
    return redirect("account")

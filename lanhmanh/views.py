"""The home page: who you are here, and what is waiting for you."""

from django.contrib.auth.decorators import login_required
from django.shortcuts import render
from django.utils import timezone

from lanhmanh.agencies.queries import agencies_of
from lanhmanh.agencies.scoping import grants
from lanhmanh.reporting.models import ReportStatus
from lanhmanh.reporting.queries import reports_for_user


@login_required
def home(request):
    memberships = request.user.memberships.select_related(
        "agency", "agency__jurisdiction"
    ).order_by("agency__name", "role")
    today = timezone.localdate()
    # In-app reminders: the unit's reports not yet in, the nearest deadline first.
    due = (
        reports_for_user(request.user)
        .filter(
            agency_id__in=agencies_of(request.user),
            status__in=(ReportStatus.DRAFT, ReportStatus.RETURNED),
            period__plan__status="active",
            period__due__lte=today + timezone.timedelta(days=45),
        )
        .select_related("period__plan", "agency")
        .order_by("period__due")[:10]
    )
    return render(
        request,
        "home.html",
        {"memberships": memberships, "grants": grants(request.user), "due": due, "today": today},
    )

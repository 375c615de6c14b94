"""Reminders of reports due soon or overdue: by e-mail, once per report and deadline."""

from __future__ import annotations

import datetime
import logging

from django.contrib.auth import get_user_model
from django.core.mail import send_mail
from django.db import IntegrityError, transaction
from django.utils import translation
from django.utils.translation import gettext as _

from lanhmanh.agencies.roles import Role

from .labels import period_name
from .models import Reminder, ReportStatus, UnitReport

log = logging.getLogger(__name__)
UPCOMING_DAYS = 3


def pending(today: datetime.date):
    """Reports not yet in, whose deadline is within a few days or past."""
    return (
        UnitReport.objects.filter(status__in=(ReportStatus.DRAFT, ReportStatus.RETURNED))
        .filter(period__due__lte=today + datetime.timedelta(days=UPCOMING_DAYS))
        .filter(period__plan__status="active")
        .select_related("period__plan", "agency")
    )


def recipients(report: UnitReport) -> list[str]:
    users = get_user_model().objects.filter(
        is_active=True,
        memberships__agency=report.agency,
        memberships__role__in=(Role.REPORTER, Role.COORDINATOR),
    )
    return sorted({u.email for u in users if u.email})


def send_reminders(today: datetime.date) -> int:
    """Send what is due today; a report and deadline already reminded is skipped."""
    sent = 0
    for report in pending(today):
        kind = "overdue" if report.period.due < today else "upcoming"
        try:
            with transaction.atomic():
                reminder = Reminder.objects.create(report=report, due=report.period.due, kind=kind)
        except IntegrityError:
            continue  # already reminded for this deadline
        emails = recipients(report)
        if emails:
            with translation.override("vi"):
                subject = _("Report %(period)s of %(agency)s: due %(due)s") % {
                    "period": period_name(report.period.key),
                    "agency": report.agency.name,
                    "due": report.period.due.strftime("%d/%m/%Y"),
                }
                body = _(
                    "The report for period %(period)s of the plan %(plan)s is due on %(due)s "
                    "and has not been submitted yet. Open lanhmanh to fill it in."
                ) % {
                    "period": period_name(report.period.key),
                    "plan": report.period.plan,
                    "due": report.period.due.strftime("%d/%m/%Y"),
                }
            send_mail(subject, body, None, emails)
        reminder.recipients = len(emails)
        reminder.save(update_fields=["recipients"])
        sent += 1
    log.info("reminders sent: %s", sent)
    return sent

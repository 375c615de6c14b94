"""The Django admin is a technical tool, not a side door into the registers: every domain
register is read-only there (no add, change or delete, superusers included) through one
shared base, and no identity is ever shown."""

from __future__ import annotations

import pytest
from django.contrib import admin as django_admin
from django.contrib.admin.sites import site
from django.test import RequestFactory
from django.urls import reverse

from lanhmanh.audit.models import Change
from lanhmanh.testing import make_user
from lanhmanh.tips import actions as tip_actions
from lanhmanh.tips.models import Category, Channel, Tip, TipEvent

pytestmark = pytest.mark.django_db

# The registers: what the application's actions change and keep the history of.
REGISTER_APPS = {
    "tips",
    "sanctions",
    "people",
    "inspections",
    "hotspots",
    "reporting",
    "plans",
    "assessments",
    "api",
    "audit",
}
# Reference catalogues the system administrator keeps in the admin.
CATALOGUES = {"reporting.indicator", "inspections.legalbasis"}
CONTACT = "0912 345 678"


@pytest.fixture
def superuser_request():
    request = RequestFactory().get("/admin/")
    request.user = make_user(username="root", is_staff=True, is_superuser=True)
    return request


def register_admins():
    return [
        (model, model_admin)
        for model, model_admin in site._registry.items()
        if model._meta.app_label in REGISTER_APPS and model._meta.label_lower not in CATALOGUES
    ]


def test_every_register_is_read_only_in_the_admin_for_everyone(superuser_request):
    from lanhmanh.admin_base import ReadOnlyAdmin, ReadOnlyInline

    admins = register_admins()
    assert {m._meta.label_lower for m, _ in admins} >= {
        "tips.tip",
        "sanctions.sanction",
        "inspections.establishment",
        "hotspots.hotspot",
        "plans.plan",
        "assessments.assessment",
    }
    for model, model_admin in admins:
        assert isinstance(model_admin, ReadOnlyAdmin), model
        assert not model_admin.has_add_permission(superuser_request), model
        assert not model_admin.has_change_permission(superuser_request), model
        assert not model_admin.has_delete_permission(superuser_request), model
        assert model_admin.has_view_permission(superuser_request), model
        for inline in model_admin.get_inline_instances(superuser_request):
            assert isinstance(inline, ReadOnlyInline), (model, inline)
            assert not inline.has_add_permission(superuser_request, None)
            assert not inline.has_change_permission(superuser_request, None)
            assert not inline.has_delete_permission(superuser_request, None)


def test_the_people_register_is_not_in_the_admin():
    assert not [m for m in site._registry if m._meta.app_label == "people"]


def test_no_admin_page_shows_an_identity_or_a_contact(superuser_request):
    from lanhmanh.admin_base import hidden_field

    for model, model_admin in site._registry.items():
        if not model.__module__.startswith("lanhmanh."):
            continue  # Django's users, axes' sign-in log, the 2FA devices: no identities
        shown = [
            *model_admin.get_fields(superuser_request),
            *model_admin.get_list_display(superuser_request),
            *model_admin.get_search_fields(superuser_request),
        ]
        for inline in model_admin.get_inline_instances(superuser_request):
            shown += inline.get_fields(superuser_request)
        names = [name for name in shown if isinstance(name, str)]
        assert not [n for n in names if hidden_field(n)], (model, names)


@pytest.fixture
def tip(cast):
    return tip_actions.receive_tip(
        cast.inside["police"],
        channel=Channel.HOTLINE,
        commune=cast.commune,
        category=Category.PROSTITUTION,
        content="Có hoạt động mại dâm tại quán karaoke trên đường Lê Lợi.",
        contact={"name": "Người báo tin", "phone": CONTACT},
    )


def inline_of(tip) -> dict:
    """The tip's events inline as the admin's change form sends it back."""
    events = list(TipEvent.objects.filter(tip=tip).order_by("pk"))
    data = {"events-TOTAL_FORMS": len(events), "events-INITIAL_FORMS": len(events)}
    for i, event in enumerate(events):
        data.update({f"events-{i}-id": event.pk, f"events-{i}-tip": tip.pk})
    return data


def test_a_superuser_cannot_change_a_tip_in_the_admin(client, cast, tip):
    root = make_user(username="root", is_staff=True, is_superuser=True)
    client.force_login(root)
    before = {
        "content": tip.content,
        "status": tip.status,
        "assigned_agency": tip.assigned_agency_id,
    }
    events, changes = TipEvent.objects.count(), Change.objects.count()
    response = client.post(
        reverse("admin:tips_tip_change", args=[tip.pk]),
        {
            "channel": tip.channel,
            "received_at_0": "07/12/2026",
            "received_at_1": "08:00:00",
            "commune": cast.commune.pk,
            "category": tip.category,
            "content": "Nội dung đã bị sửa",
            "assigned_agency": cast.other_agency.pk,
            "deadline": "31/12/2026",
            "status": "verifying",
            "outcome": "",
            "created_by": tip.created_by_id,
            **inline_of(tip),
        },
    )
    assert response.status_code == 403
    tip.refresh_from_db()
    after = {
        "content": tip.content,
        "status": tip.status,
        "assigned_agency": tip.assigned_agency_id,
    }
    assert after == before
    assert (TipEvent.objects.count(), Change.objects.count()) == (events, changes)
    assert (
        client.post(reverse("admin:tips_tip_delete", args=[tip.pk]), {"post": "yes"}).status_code
        == 403
    )
    assert client.get(reverse("admin:tips_tip_add")).status_code == 403
    assert Tip.objects.filter(pk=tip.pk).exists()


def test_the_tip_page_in_the_admin_shows_no_contact(client, tip):
    client.force_login(make_user(username="root", is_staff=True, is_superuser=True))
    page = client.get(reverse("admin:tips_tip_change", args=[tip.pk]))
    assert page.status_code == 200
    text = page.content.decode()
    assert "Lê Lợi" in text  # the page is the tip's…
    assert CONTACT not in text and "k1:" not in text  # …without its sender


def test_one_base_serves_every_read_only_admin():
    # The audit log's admin and the registers' share the one base, not copies of it.
    from lanhmanh.admin_base import ReadOnlyAdmin
    from lanhmanh.audit import admin as audit_admin

    assert not hasattr(audit_admin, "ReadOnlyAdmin") or audit_admin.ReadOnlyAdmin is ReadOnlyAdmin
    assert issubclass(ReadOnlyAdmin, django_admin.ModelAdmin)


def test_every_admin_list_and_add_page_answers(client, tip, superuser_request):
    client.force_login(superuser_request.user)
    for model, model_admin in site._registry.items():
        info = (model._meta.app_label, model._meta.model_name)
        assert client.get(reverse("admin:{}_{}_changelist".format(*info))).status_code == 200
        may_add = model_admin.has_add_permission(superuser_request)
        add_page = client.get(reverse("admin:{}_{}_add".format(*info)))
        assert add_page.status_code == (200 if may_add else 403), model

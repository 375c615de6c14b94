"""Users and memberships changed in the Django admin go through the agencies' actions:
each change checks the door and writes one audit row naming the administrator."""

from __future__ import annotations

import pytest
from django.contrib.auth import get_user_model
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied
from django.urls import reverse

from lanhmanh.agencies import actions
from lanhmanh.agencies.models import Membership
from lanhmanh.audit.models import Change, ChangeAction
from lanhmanh.testing import make_user

pytestmark = pytest.mark.django_db
User = get_user_model()


@pytest.fixture
def admin(client):
    superuser = make_user(username="root", is_staff=True, is_superuser=True)
    client.force_login(superuser)
    return superuser


def changes_of(model) -> list[Change]:
    content_type = ContentType.objects.get_for_model(model)
    return list(Change.objects.filter(content_type=content_type).order_by("pk"))


def test_granting_a_membership_in_the_admin_writes_the_audit_row(client, admin, cast):
    worker = make_user(username="moi")
    response = client.post(
        reverse("admin:agencies_membership_add"),
        {"user": worker.pk, "agency": cast.province_agency.pk, "role": "case_worker"},
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    membership = Membership.objects.get(user=worker)
    [row] = changes_of(Membership)
    assert row.actor == admin
    assert row.action == ChangeAction.CREATED
    assert row.object_id == membership.pk
    assert row.fields == {
        "user": [None, worker.pk],
        "agency": [None, cast.province_agency.pk],
        "role": [None, "case_worker"],
    }


def test_memberships_are_granted_and_revoked_on_the_users_page(client, admin, cast):
    worker = make_user("viewer", cast.province_agency, username="moi")
    old = Membership.objects.get(user=worker)
    page = reverse("admin:auth_user_change", args=[worker.pk])
    form = client.get(page).context["adminform"].form
    data = {name: value for name, value in form.initial.items() if value is not None}
    data.update(
        {
            "username": "moi",
            "date_joined_0": "01/01/2026",
            "date_joined_1": "08:00:00",
            "memberships-TOTAL_FORMS": "2",
            "memberships-INITIAL_FORMS": "1",
            "memberships-0-id": old.pk,
            "memberships-0-user": worker.pk,
            "memberships-0-DELETE": "on",
            "memberships-1-user": worker.pk,
            "memberships-1-agency": cast.commune_agency.pk,
            "memberships-1-role": "reporter",
        }
    )
    data.pop("password", None)
    data.pop("last_login", None)
    response = client.post(page, data)
    assert response.status_code == 302, response.context["errors"] if response.context else ""
    assert list(Membership.objects.filter(user=worker).values_list("agency", "role")) == [
        (cast.commune_agency.pk, "reporter")
    ]
    rows = changes_of(Membership)
    assert [(r.action, r.actor) for r in rows] == [
        (ChangeAction.CREATED, admin),
        (ChangeAction.DELETED, admin),
    ] or [(r.action, r.actor) for r in rows] == [
        (ChangeAction.DELETED, admin),
        (ChangeAction.CREATED, admin),
    ]
    revoked = next(r for r in rows if r.action == ChangeAction.DELETED)
    assert revoked.object_id == old.pk
    assert revoked.fields["role"] == ["viewer", None]


def test_revoking_a_membership_in_the_admin_writes_the_audit_row(client, admin, cast):
    worker = make_user("police", cast.province_agency, username="moi")
    membership = Membership.objects.get(user=worker)
    response = client.post(
        reverse("admin:agencies_membership_delete", args=[membership.pk]), {"post": "yes"}
    )
    assert response.status_code == 302
    assert not Membership.objects.filter(pk=membership.pk).exists()
    [row] = changes_of(Membership)
    assert (row.action, row.actor, row.object_id) == (ChangeAction.DELETED, admin, membership.pk)


def test_a_membership_is_never_edited_in_place(client, admin, cast):
    worker = make_user("viewer", cast.province_agency, username="moi")
    membership = Membership.objects.get(user=worker)
    response = client.post(
        reverse("admin:agencies_membership_change", args=[membership.pk]),
        {"user": worker.pk, "agency": cast.province_agency.pk, "role": "coordinator"},
    )
    assert response.status_code == 403
    assert Membership.objects.get(pk=membership.pk).role == "viewer"


def test_creating_a_user_in_the_admin_writes_the_audit_row(client, admin):
    response = client.post(
        reverse("admin:auth_user_add"),
        {
            "username": "nguoimoi",
            "usable_password": "true",
            "password1": "mat-khau-dai-1234",
            "password2": "mat-khau-dai-1234",
            "memberships-TOTAL_FORMS": "0",
            "memberships-INITIAL_FORMS": "0",
        },
    )
    assert response.status_code == 302
    user = User.objects.get(username="nguoimoi")
    assert user.check_password("mat-khau-dai-1234")
    [row] = changes_of(User)
    assert (row.action, row.actor, row.object_id) == (ChangeAction.CREATED, admin, user.pk)
    assert row.fields["username"] == [None, "nguoimoi"]
    assert "password" not in row.fields


def test_deactivating_a_user_in_the_admin_writes_the_audit_row(client, admin, cast):
    worker = cast.inside["case_worker"]
    response = client.post(
        reverse("admin:auth_user_changelist"),
        {"action": "deactivate", "_selected_action": [worker.pk]},
    )
    assert response.status_code == 302
    worker.refresh_from_db()
    assert not worker.is_active
    [row] = changes_of(User)
    assert (row.action, row.actor, row.fields) == (
        ChangeAction.UPDATED,
        admin,
        {"is_active": [True, False]},
    )


def test_making_a_superuser_in_the_admin_writes_the_audit_row(client, admin, cast):
    worker = cast.inside["viewer"]
    page = reverse("admin:auth_user_change", args=[worker.pk])
    response = client.post(
        page,
        {
            "username": worker.username,
            "is_active": "on",
            "is_staff": "on",
            "is_superuser": "on",
            "date_joined_0": "01/01/2026",
            "date_joined_1": "08:00:00",
            "memberships-TOTAL_FORMS": "1",
            "memberships-INITIAL_FORMS": "1",
            "memberships-0-id": worker.memberships.get().pk,
            "memberships-0-user": worker.pk,
        },
    )
    assert response.status_code == 302
    [row] = changes_of(User)
    assert row.actor == admin
    assert row.fields == {"is_staff": [False, True], "is_superuser": [False, True]}


def test_a_password_set_in_the_admin_writes_the_audit_row(client, admin, cast):
    worker = cast.inside["viewer"]
    response = client.post(
        reverse("admin:auth_user_password_change", args=[worker.pk]),
        {
            "usable_password": "true",
            "password1": "mat-khau-moi-5678",
            "password2": "mat-khau-moi-5678",
        },
    )
    assert response.status_code == 302
    worker.refresh_from_db()
    assert worker.check_password("mat-khau-moi-5678")
    [row] = changes_of(User)
    assert (row.actor, row.note) == (admin, "password set")
    assert row.fields == {}


def test_users_are_deactivated_never_deleted_in_the_admin(client, admin, cast):
    worker = cast.inside["viewer"]
    response = client.post(reverse("admin:auth_user_delete", args=[worker.pk]), {"post": "yes"})
    assert response.status_code == 403
    assert User.objects.filter(pk=worker.pk).exists()


def test_the_actions_require_the_acting_user_and_ask_the_door(cast):
    worker = make_user(username="moi")
    with pytest.raises(TypeError):
        actions.grant_membership(worker, cast.province_agency, "viewer")  # no acting_user
    with pytest.raises(PermissionDenied):
        actions.grant_membership(
            worker, cast.province_agency, "viewer", acting_user=cast.inside["coordinator"]
        )
    with pytest.raises(PermissionDenied):
        actions.grant_membership(
            worker, cast.province_agency, "viewer", acting_user=cast.outside["admin"]
        )
    with pytest.raises(PermissionDenied):
        actions.deactivate_user(worker, acting_user=cast.inside["viewer"])
    assert not Membership.objects.filter(user=worker).exists()
    assert changes_of(Membership) == []
    granted = actions.grant_membership(
        worker, cast.province_agency, "viewer", acting_user=cast.inside["admin"]
    )
    [row] = changes_of(Membership)
    assert (row.actor, row.object_id) == (cast.inside["admin"], granted.pk)

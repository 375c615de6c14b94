import datetime

import pytest
from django.contrib.admin.sites import site

from lanhmanh.audit import actions
from lanhmanh.audit.models import AccessLog, Change
from lanhmanh.audit.queries import history_rows
from lanhmanh.testing import make_agency, make_user, unit

pytestmark = pytest.mark.django_db


def test_changes_keep_only_what_changed_with_labels():
    agency = make_agency(unit("40"), name="Sở thử")
    user = make_user()
    actions.record_change(user, agency, None, actions.snapshot(agency, ["name", "kind"]))
    before = actions.snapshot(agency, ["name", "kind", "valid_from"])
    agency.name = "Sở mới"
    agency.valid_from = datetime.date(2025, 7, 1)
    after = actions.snapshot(agency, ["name", "kind", "valid_from"])
    change = actions.record_change(user, agency, before, after)
    assert change.fields == {"name": ["Sở thử", "Sở mới"], "valid_from": [None, "2025-07-01"]}
    assert actions.record_change(user, agency, after, after) is None

    rows = history_rows(agency)
    assert [c.action for c, _ in rows] == ["updated", "created"]
    labels = {row.label for row in rows[0][1]}
    assert str(agency._meta.get_field("name").verbose_name) in labels


def test_audit_rows_cannot_be_changed_or_deleted():
    entry = actions.record_access(make_user(), "NA-00001", AccessLog.Access.VIEW, "case review")
    entry.reason = "tidied"
    with pytest.raises(ValueError):
        entry.save()
    with pytest.raises(ValueError):
        entry.delete()
    change = actions.record_change(None, entry, None, {"x": 1})
    with pytest.raises(ValueError):
        change.delete()
    model_admin = site._registry[AccessLog]
    assert not model_admin.has_change_permission(None)
    assert not model_admin.has_delete_permission(None)
    assert not site._registry[Change].has_add_permission(None)


def test_administrators_export_the_access_log(client):
    admin = make_user(is_staff=True, is_superuser=True)
    reader = make_user(username="reader")
    actions.record_access(reader, "NA-00042", AccessLog.Access.BREAK_GLASS, "=urgent safety")
    client.force_login(admin)
    response = client.post(
        "/admin/audit/accesslog/",
        {
            "action": "export_csv",
            "_selected_action": list(AccessLog.objects.values_list("pk", flat=True)),
        },
    )
    assert response.status_code == 200
    text = response.content.decode("utf-8-sig")
    assert "NA-00042" in text and "reader" in text
    assert "'=urgent safety" in text

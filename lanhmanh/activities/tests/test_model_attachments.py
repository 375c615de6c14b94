"""A community model's documents: checked as every attachment, shown on its page, sent
only by who may edit it, served only to who may read it, each one an audit row."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from lanhmanh.activities import actions
from lanhmanh.agencies.roles import Role
from lanhmanh.audit.models import Change

from .factories import make_model

pytestmark = pytest.mark.django_db


@pytest.fixture
def club(cast, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    return make_model(cast.in_commune[Role.REPORTER], cast.commune_agency)


def test_a_document_is_checked_attached_shown_and_served(client, cast, club):
    client.force_login(cast.in_commune[Role.REPORTER])
    url = reverse("activities:model_attach", args=[club.pk])
    before = Change.objects.count()
    refused = client.post(url, {"file": SimpleUploadedFile("quyet-dinh.exe", b"MZ")}, follow=True)
    assert club.attachments.count() == 0 and Change.objects.count() == before
    assert any(".exe" in str(m) or "exe" in str(m) for m in refused.context["messages"])
    client.post(url, {"file": SimpleUploadedFile("quyet-dinh.pdf", b"%PDF-1.4 decision")})
    [attachment] = club.attachments.all()
    assert (
        attachment.name == "quyet-dinh.pdf"
        and attachment.uploaded_by == cast.in_commune[Role.REPORTER]
    )
    # One audit row, on the model, naming the file by id only.
    assert Change.objects.count() == before + 1
    change = Change.objects.order_by("pk").last()
    assert change.object_id == club.pk and change.note == f"attachment {attachment.pk}"
    download = reverse("activities:model_attachment", args=[club.pk, attachment.pk])
    page = client.get(reverse("activities:model", args=[club.pk])).content.decode()
    assert "quyet-dinh.pdf" in page and download in page and f'action="{url}"' in page
    client.force_login(cast.inside[Role.VIEWER])
    response = client.get(download)
    assert response.status_code == 200
    assert b"".join(response.streaming_content).startswith(b"%PDF")
    # A viewer reads the page without the form.
    viewer_page = client.get(reverse("activities:model", args=[club.pk])).content.decode()
    assert "quyet-dinh.pdf" in viewer_page and f'action="{url}"' not in viewer_page


def test_who_may_not_edit_is_refused_and_another_province_sees_nothing(client, cast, club):
    client.force_login(cast.inside[Role.COORDINATOR])
    client.post(
        reverse("activities:model_attach", args=[club.pk]),
        {"file": SimpleUploadedFile("bien-ban.pdf", b"%PDF")},
    )
    [attachment] = club.attachments.all()
    url = reverse("activities:model_attach", args=[club.pk])
    download = reverse("activities:model_attachment", args=[club.pk, attachment.pk])
    client.force_login(cast.inside[Role.VIEWER])
    assert client.post(url, {"file": SimpleUploadedFile("x.pdf", b"%PDF")}).status_code == 403
    # The police have no activities in their area at all: not even the record exists.
    client.force_login(cast.inside[Role.POLICE])
    assert client.get(download).status_code == 404
    client.force_login(cast.outside[Role.COORDINATOR])
    assert client.get(download).status_code == 404
    assert client.post(url, {"file": SimpleUploadedFile("x.pdf", b"%PDF")}).status_code == 404
    assert club.attachments.count() == 1
    # A file of another record is not served through this one.
    other = make_model(cast.inside[Role.COORDINATOR], cast.province_agency, cast.province)
    client.force_login(cast.inside[Role.COORDINATOR])
    wrong = reverse("activities:model_attachment", args=[other.pk, attachment.pk])
    assert client.get(wrong).status_code == 404


def test_the_action_asks_the_door_itself(cast, club):
    with pytest.raises(Exception) as refused:
        actions.attach_file(
            cast.inside[Role.VIEWER], club, SimpleUploadedFile("bien-ban.pdf", b"%PDF")
        )
    assert refused.type.__name__ == "PermissionDenied"
    assert club.attachments.count() == 0

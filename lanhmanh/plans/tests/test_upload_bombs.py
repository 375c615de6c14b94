"""A plan file built to exhaust the server is refused before python-docx reads it, with
the reason, by every door that extracts plans: the engine and ``extract-plan``, the web
import and the API's ``/plans/extract``."""

from __future__ import annotations

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import CommandError, call_command
from django.test import Client
from django.urls import reverse

from lanhmanh.api.actions import create_token
from lanhmanh.plans.extraction import ExtractionError, extract
from lanhmanh.plans.models import Plan
from lanhmanh.tests import bombs

PARAGRAPHS = "The document has more than 50000 paragraphs."
PARAGRAPHS_VI = "Văn bản có hơn 50000 đoạn."


@pytest.fixture
def bomb():
    """60,000 empty paragraphs: 13 KB that python-docx would spend seconds on."""
    return bombs.docx_of_empty_paragraphs(60_000)


@pytest.fixture
def python_docx(monkeypatch):
    import docx

    reached = []

    def trap(*args, **kwargs):
        reached.append(args)
        raise AssertionError("python-docx was reached")

    monkeypatch.setattr(docx, "Document", trap)
    return reached


def test_the_engine_refuses_it_before_python_docx(tmp_path, bomb, python_docx):
    path = tmp_path / "bomb.docx"
    path.write_bytes(bomb)
    with pytest.raises(ExtractionError) as refused:
        extract(path)
    assert str(refused.value) == f"bomb.docx: {PARAGRAPHS}"
    assert python_docx == []


def test_extract_plan_exits_2_with_one_line(tmp_path, bomb, python_docx):
    path = tmp_path / "bomb.docx"
    path.write_bytes(bomb)
    with pytest.raises(CommandError) as refused:
        call_command("extract_plan", str(path))
    assert refused.value.returncode == 2
    assert str(refused.value) == f"bomb.docx: {PARAGRAPHS}"
    assert python_docx == []


def test_the_web_import_shows_the_reason_on_the_file_field(client, cast, bomb, python_docx):
    client.force_login(cast.inside["coordinator"])
    response = client.post(
        reverse("plans:import"),
        {"file": SimpleUploadedFile("bomb.docx", bomb)},
        HTTP_ACCEPT_LANGUAGE="vi",
    )
    assert response.status_code == 400
    assert response.context["form"].errors["file"] == [PARAGRAPHS_VI]
    assert not Plan.objects.exists()
    assert python_docx == []


def test_the_api_answers_413_with_the_reason(cast, bomb, python_docx):
    _token, secret = create_token(cast.inside["coordinator"])
    api = Client(headers={"Authorization": f"Bearer {secret}"})
    response = api.post("/api/v1/plans/extract", {"file": SimpleUploadedFile("bomb.docx", bomb)})
    assert response.status_code == 413
    assert response.json() == {"detail": PARAGRAPHS_VI, "errors": {"file": [PARAGRAPHS_VI]}}
    assert python_docx == []


def test_only_those_who_import_plans_may_extract(cast, bomb, python_docx):
    _token, secret = create_token(cast.inside["viewer"])
    api = Client(headers={"Authorization": f"Bearer {secret}"})
    response = api.post("/api/v1/plans/extract", {"file": SimpleUploadedFile("bomb.docx", bomb)})
    assert response.status_code == 403
    assert python_docx == []


def test_a_text_plan_of_too_many_lines_is_refused_before_the_parser(tmp_path, monkeypatch):
    from lanhmanh.plans import extraction

    def trap(text):
        raise AssertionError("the structure parser was reached")

    monkeypatch.setattr(extraction, "parse", trap)
    path = tmp_path / "ke-hoach.txt"
    path.write_text("1. Nhiệm vụ\n" * 60_000, encoding="utf-8")
    with pytest.raises(ExtractionError) as refused:
        extract(path)
    assert str(refused.value) == "ke-hoach.txt: The document has more than 50000 lines."

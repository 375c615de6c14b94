"""Bad inputs fail with a one-line ExtractionError from the reader, and exit 2 with a
CommandError from the command."""

import io
import os
from pathlib import Path

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from lanhmanh.plans.extraction import (
    EmptyFileError,
    ExtractionError,
    FileTooLargeError,
    MissingFileError,
    NotAPlanError,
    ScannedPdfError,
    UnreadableFileError,
    UnsupportedFormatError,
    extract,
    extract_text,
    readers,
)

FIXTURES = Path(__file__).parent / "fixtures"


def _blank_pdf(path: Path) -> Path:
    from pypdf import PdfWriter

    writer = PdfWriter()
    writer.add_blank_page(width=595, height=842)
    with path.open("wb") as fh:
        writer.write(fh)
    return path


@pytest.fixture
def bad_files(tmp_path):
    files = {}
    files["missing"] = (tmp_path / "nowhere.txt", MissingFileError)
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")
    files["empty"] = (empty, EmptyFileError)
    blank = tmp_path / "blank.md"
    blank.write_text("   \n\n  \n", encoding="utf-8")
    files["blank"] = (blank, EmptyFileError)
    garbage = tmp_path / "garbage.txt"
    garbage.write_bytes(bytes(range(256)) * 40)
    files["garbage"] = (garbage, UnreadableFileError)
    latin = tmp_path / "latin.txt"
    latin.write_bytes("Kế hoạch số 12".encode() + b"\xff\xfe\xfa" * 3)
    files["undecodable"] = (latin, UnreadableFileError)
    doc = tmp_path / "old.doc"
    doc.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 100)
    files["doc"] = (doc, UnsupportedFormatError)
    odt = tmp_path / "plan.odt"
    odt.write_bytes(b"PK\x03\x04")
    files["odt"] = (odt, UnsupportedFormatError)
    fake_docx = tmp_path / "fake.docx"
    fake_docx.write_bytes(b"PK\x03\x04 not really a zip")
    files["corrupt docx"] = (fake_docx, UnreadableFileError)
    fake_pdf = tmp_path / "fake.pdf"
    fake_pdf.write_text("Kế hoạch", encoding="utf-8")
    files["not a pdf"] = (fake_pdf, UnreadableFileError)
    files["scanned pdf"] = (_blank_pdf(tmp_path / "scan.pdf"), ScannedPdfError)
    huge = tmp_path / "huge.txt"
    with huge.open("wb") as fh:  # sparse: no 21 MB written to disk
        fh.truncate(readers.MAX_BYTES + 1)
    files["huge"] = (huge, FileTooLargeError)
    recipe = tmp_path / "recipe.txt"
    recipe.write_text(
        "Phở bò Hà Nội\n\nNguyên liệu: 500 g xương bò, 200 g thịt thăn, 05 củ hành.\n"
        "Ninh xương trong 6 giờ, thêm gia vị vừa ăn.\n",
        encoding="utf-8",
    )
    files["not a plan"] = (recipe, NotAPlanError)
    return files


CASES = [
    "missing",
    "empty",
    "blank",
    "garbage",
    "undecodable",
    "doc",
    "odt",
    "corrupt docx",
    "not a pdf",
    "scanned pdf",
    "huge",
    "not a plan",
]


@pytest.mark.parametrize("case", CASES)
def test_reader_raises_one_line_error(bad_files, case):
    path, error_class = bad_files[case]
    with pytest.raises(error_class) as caught:
        extract(path)
    assert isinstance(caught.value, ExtractionError)
    message = str(caught.value)
    assert message and "\n" not in message
    assert Path(path).name in message


@pytest.mark.parametrize("case", CASES)
def test_command_exits_2_in_one_line(bad_files, case):
    path, _ = bad_files[case]
    with pytest.raises(CommandError) as caught:
        call_command("extract_plan", str(path), stdout=io.StringIO())
    assert caught.value.returncode == 2
    assert "\n" not in str(caught.value)


def test_huge_file_limit_can_be_patched(tmp_path, monkeypatch):
    plan = FIXTURES / "ke_hoach_markdown.md"
    monkeypatch.setattr(readers, "MAX_BYTES", os.path.getsize(plan) - 1)
    with pytest.raises(FileTooLargeError):
        extract(plan)


def test_directory_is_not_a_file(tmp_path):
    folder = tmp_path / "plan.txt"
    folder.mkdir()
    with pytest.raises(MissingFileError):
        extract(folder)


def test_extract_text_rejects_non_plans_and_empty_text():
    with pytest.raises(EmptyFileError):
        extract_text("  \n", "x.txt")
    with pytest.raises(NotAPlanError):
        extract_text("Hello world.\nThis is an English note with 3 lines.\n", "x.txt")


def test_utf16_and_bom_text_is_read(tmp_path):
    source = (FIXTURES / "ke_hoach_markdown.md").read_text(encoding="utf-8")
    for encoding in ("utf-16", "utf-8-sig"):
        path = tmp_path / f"plan-{encoding}.md"
        path.write_bytes(source.encode(encoding))
        assert extract(path)["document"]["number"] == "45/KH-UBND"


def test_pdf_with_a_text_layer_is_read(tmp_path, monkeypatch):
    # pypdf cannot lay out text, so the text layer is stubbed; the rest of the path is real.
    pdf = _blank_pdf(tmp_path / "plan.pdf")
    text = (FIXTURES / "quyet_dinh_ban_hanh.txt").read_text(encoding="utf-8")
    from pypdf import PageObject

    monkeypatch.setattr(PageObject, "extract_text", lambda self, *a, **k: text)
    plan = extract(pdf)
    assert plan["document"]["number"] == "0712/QĐ-UBND"
    assert plan["source"]["filename"] == "plan.pdf"


def test_command_prints_json(capsys):
    out = io.StringIO()
    call_command("extract_plan", str(FIXTURES / "ke_hoach_markdown.md"), stdout=out)
    assert '"schema": "lanhmanh.plan/v1"' in out.getvalue()
    assert "Minh Lâm" in out.getvalue()


def test_score_command_rejects_bad_dirs(tmp_path):
    with pytest.raises(CommandError) as caught:
        call_command("score_extraction", str(tmp_path / "no"), str(tmp_path), stdout=io.StringIO())
    assert caught.value.returncode == 2
    with pytest.raises(CommandError) as caught:
        call_command("score_extraction", str(tmp_path), str(tmp_path), stdout=io.StringIO())
    assert caught.value.returncode == 2 and "gold" in str(caught.value)
    (tmp_path / "a.gold.json").write_text("{}", encoding="utf-8")
    with pytest.raises(CommandError) as caught:
        call_command("score_extraction", str(tmp_path), str(tmp_path), stdout=io.StringIO())
    assert caught.value.returncode == 2 and "no document for a" in str(caught.value)

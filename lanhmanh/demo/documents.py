"""The demo's plan files. Written for the demo in the genre of real plans, with invented
figures; the 2026 provincial plan is turned into a Word file the way an office would
have typed it, so that the demo goes through the DOCX reader like a user's upload."""

from __future__ import annotations

import io
import re
from pathlib import Path

from docx import Document
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.shared import Pt

FOLDER = Path(__file__).resolve().parent / "plans"
_HEADING = re.compile(r"^([IVX]+\.|KẾ HOẠCH$|ỦY BAN|TỈNH |CỘNG HÒA|Độc lập|TM\.|KT\.|PHÓ )")
_CENTRED = re.compile(r"^(KẾ HOẠCH$|CỘNG HÒA|Độc lập|Phòng, chống mại dâm trên địa bàn)")


def docx_from_text(text: str) -> bytes:
    """A Word file in the administrative layout: Times New Roman 14, headings in bold."""
    document = Document()
    style = document.styles["Normal"]
    style.font.name = "Times New Roman"
    style.font.size = Pt(14)
    for line in text.splitlines():
        paragraph = document.add_paragraph()
        run = paragraph.add_run(line)
        run.bold = bool(_HEADING.match(line))
        if _CENTRED.match(line):
            paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def demo_file(name: str, as_docx: bool = False) -> tuple[str, bytes]:
    text = (FOLDER / name).read_text(encoding="utf-8")
    if as_docx:
        return Path(name).with_suffix(".docx").name, docx_from_text(text)
    return name, text.encode("utf-8")

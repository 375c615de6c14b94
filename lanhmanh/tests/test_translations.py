"""Vietnamese first: every message has a Vietnamese translation, and the compiled
catalogue that the site reads says the same as the .po file."""

import gettext
from pathlib import Path

import polib
import pytest

LOCALE = Path(__file__).resolve().parents[1] / "locale"


@pytest.mark.parametrize("language", ["vi", "en"])
def test_compiled_catalogue_matches_po(language):
    po = polib.pofile(str(LOCALE / language / "LC_MESSAGES" / "django.po"))
    with open(LOCALE / language / "LC_MESSAGES" / "django.mo", "rb") as mo_file:
        compiled = gettext.GNUTranslations(mo_file)

    def compiled_text(entry):
        if entry.msgctxt:
            return compiled.pgettext(entry.msgctxt, entry.msgid)
        return compiled.gettext(entry.msgid)

    stale = [
        e.msgid
        for e in po.translated_entries()
        if not e.msgid_plural and compiled_text(e) != e.msgstr
    ]
    assert not stale, f"run `make messages`: {stale[:5]}"


def test_every_message_is_translated_to_vietnamese():
    po = polib.pofile(str(LOCALE / "vi" / "LC_MESSAGES" / "django.po"))
    missing = [e.msgid for e in po if not e.obsolete and (not e.translated() or e.fuzzy)]
    assert not missing, missing
    assert len(po) > 150


def test_vietnamese_dates_and_numbers():
    import datetime

    from django.utils import formats, translation

    with translation.override("vi"):
        assert formats.date_format(datetime.date(2026, 11, 23), "SHORT_DATE_FORMAT") == "23/11/2026"
        assert formats.number_format(10000, use_l10n=True, force_grouping=True) == "10.000"
        assert formats.number_format(2.5, decimal_pos=1, use_l10n=True) == "2,5"

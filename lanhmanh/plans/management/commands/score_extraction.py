"""``lanhmanh score-extraction GOLD_DIR DOC_DIR``: score the extraction of each document
against its reference answer (``STEM.gold.json`` ↔ ``STEM.{txt,md,docx,pdf}``)."""

import json
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from lanhmanh.plans.extraction import SUPPORTED_EXTENSIONS, ExtractionError, extract
from lanhmanh.plans.extraction.scoring import DOCUMENT_FIELDS, mean_scores, score


def find_document(doc_dir: Path, stem: str) -> Path | None:
    for extension in SUPPORTED_EXTENSIONS:
        candidate = doc_dir / f"{stem}{extension}"
        if candidate.is_file():
            return candidate
    return None


class Command(BaseCommand):
    help = "Score plan extraction against reference answers (*.gold.json)."

    def add_arguments(self, parser):
        parser.add_argument("gold_dir")
        parser.add_argument("doc_dir")
        parser.add_argument("--json", action="store_true", help="print the scores as JSON")

    def handle(self, *args, **options):
        gold_dir, doc_dir = Path(options["gold_dir"]), Path(options["doc_dir"])
        for directory in (gold_dir, doc_dir):
            if not directory.is_dir():
                raise CommandError(f"{directory}: not a directory", returncode=2)
        golds = sorted(gold_dir.glob("*.gold.json"))
        if not golds:
            raise CommandError(f"{gold_dir}: no *.gold.json files", returncode=2)
        rows = []
        for gold_path in golds:
            stem = gold_path.name[: -len(".gold.json")]
            document = find_document(doc_dir, stem)
            if document is None:
                raise CommandError(f"{doc_dir}: no document for {stem}", returncode=2)
            try:
                reference = json.loads(gold_path.read_text(encoding="utf-8"))
                predicted = extract(document)
            except (ExtractionError, OSError, ValueError) as error:
                raise CommandError(" ".join(f"{stem}: {error}".split()), returncode=2) from None
            rows.append((stem, score(predicted, reference)))
        means = mean_scores([s for _, s in rows])
        if options["json"]:
            out = {stem: _public(s) for stem, s in rows}
            out["mean"] = means
            self.stdout.write(json.dumps(out, ensure_ascii=False, indent=2))
            return
        header = f"{'document':<28}{'targets':>9}{'resp.':>9}{'report.':>9}"
        header += "".join(f"{field:>11}" for field in DOCUMENT_FIELDS)
        self.stdout.write(header)
        for stem, s in rows:
            self.stdout.write(_row(stem, s))
        self.stdout.write(_row("mean", means))


def _public(s: dict) -> dict:
    return {k: v for k, v in s.items() if k != "detail"}


def _row(label: str, s: dict) -> str:
    line = f"{label:<28}{s['targets']:>9.3f}{s['responsibilities']:>9.3f}{s['reporting']:>9.3f}"
    line += "".join(f"{s['document'][field]:>11.2f}" for field in DOCUMENT_FIELDS)
    return line

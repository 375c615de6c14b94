"""The engine package stays free of Django."""

import subprocess
import sys
from pathlib import Path


def test_engine_imports_without_django():
    root = Path(__file__).resolve().parents[3]
    code = (
        "import sys, os\n"
        "os.environ.pop('DJANGO_SETTINGS_MODULE', None)\n"
        "import lanhmanh.plans.extraction as e\n"
        "from lanhmanh.plans.extraction import scoring, readers, structure\n"
        "e.extract_text(open(sys.argv[1], encoding='utf-8').read(), 'x.md')\n"
        "assert not [m for m in sys.modules if m == 'django' or m.startswith('django.')]\n"
        "print('ok')\n"
    )
    fixture = Path(__file__).parent / "fixtures" / "ke_hoach_markdown.md"
    done = subprocess.run(
        [sys.executable, "-c", code, str(fixture)],
        capture_output=True,
        text=True,
        cwd=root,
        timeout=60,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "ok"


def test_no_django_import_in_engine_sources():
    package = Path(__file__).resolve().parents[1] / "extraction"
    for source in package.glob("*.py"):
        text = source.read_text(encoding="utf-8")
        assert "import django" not in text and "from django" not in text, source

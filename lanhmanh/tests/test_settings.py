"""Settings come from the environment; a development secret key is generated once."""

import os
import stat
import subprocess
import sys

PRINT = (
    "from django.conf import settings as s; "
    "print(s.SECRET_KEY); print(s.DEBUG); print(s.DATABASES['default']['ENGINE'])"
)


def settings_in(env_extra, tmp_path):
    env = {k: v for k, v in os.environ.items() if not k.startswith(("LANHMANH_", "DATABASE_URL"))}
    env.update({"DJANGO_SETTINGS_MODULE": "lanhmanh.settings", "LANHMANH_VAR_DIR": str(tmp_path)})
    env.update(env_extra)
    return subprocess.run(
        [sys.executable, "-c", f"import django; django.setup(); {PRINT}"],
        capture_output=True,
        text=True,
        env=env,
        timeout=60,
    )


def test_generated_key_is_private_and_kept(tmp_path):
    first = settings_in({}, tmp_path)
    assert first.returncode == 0, first.stderr
    key, debug, engine = first.stdout.split()
    key_file = tmp_path / "secret_key"
    assert key_file.read_text() == key and len(key) > 40
    assert stat.S_IMODE(key_file.stat().st_mode) == 0o600
    assert debug == "False" and engine.endswith("sqlite3")
    assert settings_in({}, tmp_path).stdout.split()[0] == key


def test_environment_wins(tmp_path):
    result = settings_in(
        {
            "LANHMANH_SECRET_KEY": "k" * 60,
            "LANHMANH_DEBUG": "1",
            "DATABASE_URL": "postgres://u:p@127.0.0.1:5432/x",
        },
        tmp_path,
    )
    key, debug, engine = result.stdout.split()
    assert key == "k" * 60 and debug == "True" and engine.endswith("postgresql")
    assert not (tmp_path / "secret_key").exists()


def test_bad_number_is_a_clear_error(tmp_path):
    result = settings_in({"LANHMANH_LOGIN_FAILURES": "five"}, tmp_path)
    assert result.returncode != 0
    assert "LANHMANH_LOGIN_FAILURES must be a whole number" in result.stderr

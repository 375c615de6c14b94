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


def test_processes_starting_at_once_share_one_key(tmp_path):
    """Servers (or test workers) starting together on a fresh machine read one secret key
    and one data key, each whole, and leave no staged file behind."""
    script = (
        "import django; django.setup(); from django.conf import settings as s; "
        "print(s.SECRET_KEY); print(s.DATA_KEYS[0])"
    )
    env = {k: v for k, v in os.environ.items() if not k.startswith(("LANHMANH_", "DATABASE_URL"))}
    env.update({"DJANGO_SETTINGS_MODULE": "lanhmanh.settings", "LANHMANH_VAR_DIR": str(tmp_path)})
    started = [
        subprocess.Popen([sys.executable, "-c", script], stdout=subprocess.PIPE, text=True, env=env)
        for _ in range(6)
    ]
    answers = {tuple(process.communicate(timeout=60)[0].split()) for process in started}
    assert len(answers) == 1
    ((secret, data_key),) = answers
    assert (tmp_path / "secret_key").read_text() == secret and len(secret) > 40
    assert (tmp_path / "data_keys").read_text().strip() == data_key
    assert sorted(p.name for p in tmp_path.iterdir() if p.name.startswith(".")) == []

"""The `lanhmanh` console script, run as a user would run it."""

import os
import subprocess
import sys

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from lanhmanh.agencies.roles import Role
from lanhmanh.api.actions import user_for_token

LANHMANH = [sys.executable, "-m", "lanhmanh.cli"]


def run(*args):
    return subprocess.run(
        [*LANHMANH, *args], capture_output=True, text=True, timeout=60, env=os.environ.copy()
    )


def test_help_lists_the_project_commands():
    result = run("--help")
    assert result.returncode == 0
    for command in ("serve", "demo", "create-token", "load-units"):
        assert command in result.stdout


def test_unknown_user_exits_2_with_one_line(tmp_path):
    env = {**os.environ, "LANHMANH_VAR_DIR": str(tmp_path)}
    subprocess.run([*LANHMANH, "migrate", "-v0"], env=env, check=True, timeout=120)
    result = subprocess.run(
        [*LANHMANH, "create-token", "nobody"], capture_output=True, text=True, env=env, timeout=60
    )
    assert result.returncode == 2
    assert result.stderr.strip().count("\n") == 0
    assert "nobody" in result.stderr
    assert "Traceback" not in result.stderr


@pytest.mark.django_db
def test_create_token_prints_a_working_token(cast, capsys):
    user = cast.inside[Role.COORDINATOR]
    call_command("create_token", user.username)
    secret = capsys.readouterr().out.strip()
    assert user_for_token(secret) == user


@pytest.mark.django_db
def test_revoke_token(cast, capsys):
    user = cast.inside[Role.COORDINATOR]
    call_command("create_token", user.username)
    secret = capsys.readouterr().out.strip()
    call_command("revoke_token", user.username)
    assert user_for_token(secret) is None
    with pytest.raises(CommandError) as excinfo:
        call_command("revoke_token", user.username, prefix="lm_nothing")
    assert excinfo.value.returncode == 2


def test_bad_port_exits_2():
    result = run("serve", "--port", "eighty")
    assert result.returncode == 2
    assert "PORT" in result.stderr

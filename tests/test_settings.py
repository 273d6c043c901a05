"""Settings come from the environment, with safe defaults, and fail loudly on bad values."""

import os
import subprocess
import sys

import pytest
from django.db import IntegrityError, transaction


def _run_settings(env: dict[str, str]) -> subprocess.CompletedProcess:
    code = "import mathshubs.settings as s; print(s.DATABASES['default']['ENGINE'])"
    return subprocess.run(
        [sys.executable, "-c", code],
        env={**os.environ, **env},
        capture_output=True,
        text=True,
        check=False,
    )


def _mathshubs(*args: str, env: dict[str, str]) -> subprocess.CompletedProcess:
    """Run the installed `mathshubs` command, as an operator would."""
    command = os.path.join(os.path.dirname(sys.executable), "mathshubs")
    return subprocess.run([command, *args], env=env, capture_output=True, text=True, check=False)


def test_a_bad_boolean_stops_start_up_naming_the_variable():
    result = _run_settings({"DEBUG": "maybe"})
    assert result.returncode != 0
    assert "DEBUG must be true or false, not 'maybe'" in result.stderr


def test_database_url_selects_postgresql():
    result = _run_settings({"DATABASE_URL": "postgres://postgres@127.0.0.1:5432/x"})
    assert result.stdout.strip() == "django.db.backends.postgresql"


def test_the_default_database_is_sqlite_in_var():
    env = {k: v for k, v in os.environ.items() if k != "DATABASE_URL"}
    code = "import mathshubs.settings as s; print(s.DATABASES['default']['NAME'])"
    out = subprocess.run(
        [sys.executable, "-c", code], env=env, capture_output=True, text=True, check=True
    ).stdout.strip()
    assert out.endswith("var/mathshubs.sqlite3")


def test_production_refuses_the_development_secret_key():
    env = {k: v for k, v in os.environ.items() if k != "SECRET_KEY"}
    env["MATHSHUBS_PRODUCTION"] = "1"
    result = subprocess.run(
        [sys.executable, "-c", "import mathshubs.settings"],
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    assert "Set SECRET_KEY" in result.stderr


def test_deploy_check_is_clean_with_the_documented_variables():
    # The browser tests set DJANGO_ALLOW_ASYNC_UNSAFE for Playwright; a deployment never has it.
    inherited = {k: v for k, v in os.environ.items() if k != "DJANGO_ALLOW_ASYNC_UNSAFE"}
    env = {
        **inherited,
        "SECRET_KEY": "k" * 20 + "QWERTYUIOPasdfghjklzxcvbnm1234567890",
        "ALLOWED_HOSTS": "mathshubs.example",
        "MATHSHUBS_PRODUCTION": "1",
    }
    result = _mathshubs("check", "--deploy", env=env)
    assert result.returncode == 0, result.stderr
    assert "no issues" in result.stdout


@pytest.mark.django_db(transaction=True)
def test_the_database_enforces_foreign_keys():
    from mathshubs.directory.models import Institution

    with pytest.raises(IntegrityError), transaction.atomic():
        Institution.objects.create(urn=1, name="Orphan", search_name="orphan", hub_id=999_999)


def test_a_sqlite_file_database_runs_in_wal_mode_with_foreign_keys(tmp_path):
    code = (
        "import django; django.setup();"
        "from django.db import connection;"
        "c = connection.cursor();"
        "print(c.execute('PRAGMA journal_mode').fetchone()[0],"
        " c.execute('PRAGMA foreign_keys').fetchone()[0])"
    )
    env = {
        **os.environ,
        "DATABASE_URL": f"sqlite:///{tmp_path / 'x.sqlite3'}",
        "DJANGO_SETTINGS_MODULE": "mathshubs.settings",
    }
    out = subprocess.run(
        [sys.executable, "-c", code], env=env, capture_output=True, text=True, check=True
    ).stdout.split()
    assert out == ["wal", "1"]


def test_the_default_database_works_in_a_fresh_clone_without_var(tmp_path):
    var = tmp_path / "not-yet" / "var"
    env = {k: v for k, v in os.environ.items() if k != "DATABASE_URL"}
    env["MATHSHUBS_VAR_DIR"] = str(var)
    result = _mathshubs("migrate", "-v0", env=env)
    assert result.returncode == 0, result.stderr
    assert (var / "mathshubs.sqlite3").exists()

"""`mathshubs check --deploy` is clean with the production settings of docs/operations.md
(ADR 0015): run as an operator would, in a process of its own."""

from __future__ import annotations

import os
import secrets
import subprocess
import sys
from pathlib import Path

MATHSHUBS = Path(sys.executable).parent / "mathshubs"
# Variables that would change what is checked, taken from whoever runs the tests.
LEFT_OUT = {
    "DEBUG",
    "SECRET_KEY",
    "ALLOWED_HOSTS",
    "MATHSHUBS_PRODUCTION",
    "DJANGO_SETTINGS_MODULE",
}


def _check(tmp_path: Path, **environment: str) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if k not in LEFT_OUT and not k.startswith("SECURE_")}
    env.update(MATHSHUBS_VAR_DIR=str(tmp_path), **environment)
    return subprocess.run(
        [str(MATHSHUBS), "check", "--deploy", "--fail-level", "WARNING"],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )


def production(**extra: str) -> dict[str, str]:
    return {
        "MATHSHUBS_PRODUCTION": "true",
        "SECRET_KEY": secrets.token_urlsafe(50),
        "ALLOWED_HOSTS": "mathshubs.example",
        "CSRF_TRUSTED_ORIGINS": "https://mathshubs.example",
        "SITE_URL": "https://mathshubs.example",
        **extra,
    }


def test_check_deploy_gives_no_warning_with_the_production_settings(tmp_path):
    done = _check(tmp_path, **production())
    assert done.returncode == 0, done.stderr
    assert "System check identified no issues" in done.stdout
    assert "WARNING" not in done.stdout + done.stderr


def test_behind_a_tls_proxy_it_is_clean_too(tmp_path):
    done = _check(tmp_path, **production(BEHIND_TLS_PROXY="true"))
    assert done.returncode == 0, done.stderr


def test_without_the_production_settings_it_warns(tmp_path):
    # The test above would notice a warning: the development defaults give several.
    done = _check(tmp_path)
    assert done.returncode != 0
    assert "security.W004" in done.stderr and "security.W012" in done.stderr


def test_production_refuses_the_development_secret_key(tmp_path):
    settings = production()
    del settings["SECRET_KEY"]
    done = _check(tmp_path, **settings)
    assert done.returncode != 0
    assert "Set SECRET_KEY to a long random value in production" in done.stderr

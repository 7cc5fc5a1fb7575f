"""The production settings are safe to deploy and refuse to start half-configured."""

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
PRODUCTION_ENV = {
    "DJANGO_SETTINGS_MODULE": "config.settings.production",
    "SECRET_KEY": "x7$Jq2!vLr9#Wm4pTz8&Nc1@Hb6^Ye3*Ks5(Ga0)Ud_Fo-Ri=Ex+Pw",
    "ALLOWED_HOSTS": "learn.example.com",
    "WAGTAILADMIN_BASE_URL": "https://learn.example.com",
}


def run_manage(*args, env, tmp_path):
    clean = {
        k: v
        for k, v in os.environ.items()
        if k not in {"DJANGO_SETTINGS_MODULE", "DEBUG", "DJANGO_ALLOW_ASYNC_UNSAFE"}
    }
    clean.update(
        VAR_DIR=str(tmp_path), DATABASE_URL=f"sqlite:///{tmp_path / 'db.sqlite3'}"
    )
    clean.update(env)
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env=clean,
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_check_deploy_reports_no_issues_with_real_values(tmp_path):
    result = run_manage(
        "check",
        "--deploy",
        "--fail-level",
        "WARNING",
        env=PRODUCTION_ENV,
        tmp_path=tmp_path,
    )

    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


def test_production_refuses_to_start_without_a_secret_key(tmp_path):
    env = {**PRODUCTION_ENV, "SECRET_KEY": ""}

    result = run_manage("check", env=env, tmp_path=tmp_path)

    assert result.returncode != 0
    assert "Set SECRET_KEY" in result.stderr


def test_production_refuses_to_start_without_allowed_hosts(tmp_path):
    env = {**PRODUCTION_ENV, "ALLOWED_HOSTS": ""}

    result = run_manage("check", env=env, tmp_path=tmp_path)

    assert result.returncode != 0
    assert "Set ALLOWED_HOSTS" in result.stderr


def test_production_refuses_to_start_without_the_sites_address(tmp_path):
    env = {**PRODUCTION_ENV, "WAGTAILADMIN_BASE_URL": ""}

    result = run_manage("check", env=env, tmp_path=tmp_path)

    assert result.returncode != 0
    assert "Set WAGTAILADMIN_BASE_URL" in result.stderr


def test_database_url_selects_the_database(tmp_path):
    script = "from django.conf import settings; d = settings.DATABASES['default']; print(d['ENGINE'], d['NAME'])"
    env = {
        **PRODUCTION_ENV,
        "DATABASE_URL": "postgres://learn@db.internal:5432/leaders",
    }

    result = run_manage(
        "shell", "--no-imports", "-c", script, env=env, tmp_path=tmp_path
    )

    assert (
        result.stdout.strip().splitlines()[-1]
        == "django.db.backends.postgresql leaders"
    ), result.stderr


def test_a_host_site_without_its_address_is_warned(settings):
    from django.core import checks

    settings.WAGTAILADMIN_BASE_URL = ""

    ids = [message.id for message in checks.run_checks()]

    assert "lms.W001" in ids


def test_links_in_emails_use_the_sites_address(settings):
    from lms.notifications.delivery import absolute

    settings.WAGTAILADMIN_BASE_URL = "https://learn.example.com/"

    assert absolute("/learn/") == "https://learn.example.com/learn/"

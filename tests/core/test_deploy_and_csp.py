import os
import re
import subprocess
import sys
from pathlib import Path

from django.urls import reverse

ROOT = Path(__file__).resolve().parents[2]


def test_production_settings_pass_the_deploy_check(tmp_path):
    env = {
        "PATH": os.environ.get("PATH", "/usr/bin:/bin"),
        "DEBUG": "0",
        "SECRET_KEY": "k8Jw2-" + "q7ZrT4vX9pL1mN3bC6yH0sD5fG8jK2aE4uI7oP1wR3tY6" * 2,
        "SALT_KEY": "a-production-salt-" + "z" * 30,
        "ALLOWED_HOSTS": "exchange.example.org",
        "DATABASE_URL": f"sqlite:///{tmp_path / 'db.sqlite3'}",
    }
    result = subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stderr + result.stdout
    assert "no issues" in result.stdout


def test_production_refuses_to_start_without_a_secret_key(tmp_path):
    env = {"PATH": os.environ.get("PATH", "/usr/bin:/bin"), "DEBUG": "0", "SECRET_KEY": ""}
    result = subprocess.run(
        [sys.executable, "manage.py", "check"], cwd=ROOT, env=env, capture_output=True, text=True
    )
    assert result.returncode != 0 and "SECRET_KEY" in result.stderr


def test_pages_send_a_strict_content_security_policy(client, organisation):
    response = client.get(reverse("organisations:list"))
    policy = response["Content-Security-Policy"]
    assert "script-src 'self'" in policy and "style-src 'self'" in policy
    assert "unsafe-inline" not in policy and "unsafe-eval" not in policy


def test_no_page_has_inline_scripts_or_styles(login, org_admin, organisation):
    client = login(org_admin)
    for url in [
        reverse("site:landing"),
        reverse("organisations:list"),
        organisation.get_absolute_url(),
        reverse("organisations:edit", args=[organisation.slug]),
        reverse("organisations:members", args=[organisation.slug]),
        reverse("accounts:profile"),
        reverse("account_email"),
        reverse("mfa_index"),
    ]:
        html = client.get(url).text
        assert not re.search(r"<script(?![^>]*\bsrc=)[^>]*>", html), url
        assert "<style" not in html and not re.search(r"\sstyle=", html), url
        assert not re.search(r"\son[a-z]+=", html), url

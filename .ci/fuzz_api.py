"""Fuzz the API from its own schema with schemathesis, anonymously and with a token of each
persona, against gunicorn serving a throwaway copy of the demo data.

Checks: no server error, every status, content type, header and body as the schema says.
Exits non-zero when schemathesis finds a defect. Run from the checkout: .venv/bin/python
.ci/fuzz_api.py [max examples per operation, default 12]."""

import json
import os
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PY = str(ROOT / ".venv" / "bin" / "python")
CHECKS = ",".join(
    [
        "not_a_server_error",
        "status_code_conformance",
        "content_type_conformance",
        "response_headers_conformance",
        "response_schema_conformance",
    ]
)
PERSONAS = """
import json
from allauth.mfa.models import Authenticator
from exchange.accounts.models import User
from exchange.api import tokens
from exchange.calls.models import Programme

def staff_with_two_factors(email, programme):
    user = User.objects.get_or_create(email=email, defaults={"is_staff": True})[0]
    Authenticator.objects.get_or_create(user=user, type="totp", defaults={"data": {"secret": "x"}})
    programme.staff.add(user)
    return user

other_programme = Programme.objects.get_or_create(name="Multiplier", slug="multiplier")[0]
people = {
    "org_admin": User.objects.get(email="ayse@demo.exchange"),
    "member": User.objects.get(email="mehmet@demo.exchange"),
    "other": User.objects.get(email="anna@demo.exchange"),
    "no_organisation": User.objects.get(email="lena@demo.exchange"),
    "staff": staff_with_two_factors("staff@demo.exchange", Programme.objects.first()),
    "other_staff": staff_with_two_factors("multiplier@demo.exchange", other_programme),
    # The spring round's reviewer, with two factors: their reviews and conflicts.
    "reviewer": User.objects.get(email="reviewer@demo.exchange"),
}
Authenticator.objects.get_or_create(
    user=people["reviewer"], type="totp", defaults={"data": {"secret": "x"}}
)
print(json.dumps({k: tokens.create_token(user=u, name="fuzz", scope="write")[1] for k, u in people.items()}))
"""


FUZZED = ("org_admin", "staff", "reviewer")


def tool_crashed(result) -> bool:
    """Schemathesis stopped on an error of its own, not on a failed check of the API."""
    out = result.stdout
    return result.returncode != 0 and "Runtime Error" in out and "FAILURES" not in out


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def main():
    examples = sys.argv[1] if len(sys.argv) > 1 else "12"
    work = Path(tempfile.mkdtemp(prefix="fuzz-api-"))
    env = {
        **os.environ,
        "DATABASE_URL": f"sqlite:///{work / 'fuzz.sqlite3'}",
        "DEBUG": "0",
        "SALT_KEY": "fuzz-salt-" + "y" * 30,
        "SECRET_KEY": "fuzz-" + "x" * 50,
        "ALLOWED_HOSTS": "127.0.0.1",
        "SECURE_SSL_REDIRECT": "0",
        "MEDIA_ROOT": str(work / "media"),
        "API_RATE_PER_TOKEN": "100000/min",
        "API_RATE_PER_ADDRESS": "100000/min",
        "LOG_LEVEL": "ERROR",
    }
    env.pop("REDIS_URL", None)

    def manage(*args, **kw):
        return subprocess.run([PY, "manage.py", *args], cwd=ROOT, env=env, check=True, **kw)

    manage("collectstatic", "--noinput", "-v0")  # DEBUG=0 serves the manifest's files
    manage("migrate", "-v0")
    manage("load_demo", stdout=subprocess.DEVNULL)
    found = manage("shell", "-c", PERSONAS, capture_output=True, text=True).stdout
    tokens = json.loads(found.strip().splitlines()[-1])
    port = free_port()
    server = subprocess.Popen(
        [str(ROOT / ".venv" / "bin" / "gunicorn"), "-w", "2", "-b", f"127.0.0.1:{port}",
         "exchange.wsgi:application"],
        cwd=ROOT,
        env=env,
        stderr=open(work / "gunicorn.log", "w"),
    )
    try:
        for _ in range(100):
            try:
                socket.create_connection(("127.0.0.1", port), timeout=0.2).close()
                break
            except OSError:
                time.sleep(0.1)
        failed = []
        started = time.monotonic()
        # Who may reach what is the authorization tables' job (every persona × every
        # endpoint, in the suite); the fuzz looks for malformed input that breaks an
        # endpoint or its schema, so it takes the personas that reach the most code:
        # nobody, an organisation's admin (every write), staff and a reviewer. All eight
        # took 709 s of CI; these four about half.
        chosen = [("anonymous", None)] + [(p, tokens[p]) for p in FUZZED if p in tokens]
        for persona, token in chosen:
            headers = ["-H", f"Authorization: Bearer {token}"] if token else []
            command = [
                str(ROOT / ".venv" / "bin" / "schemathesis"), "run",
                f"http://127.0.0.1:{port}/api/v1/openapi.json",
                *headers,
                "-H", "Accept-Language: " + ("tr" if persona in ("member", "staff") else "de"),
                "--checks", CHECKS,
                "--max-examples", examples,
                "--phases", "examples,coverage,fuzzing",
                "--seed", "1",
                "--workers", "2",
                "--no-color",
                "--warnings", "off",
                "--suppress-health-check", "all",
            ]
            print(f"== schemathesis as {persona}", flush=True)
            result = subprocess.run(command, cwd=ROOT, env=env, capture_output=True, text=True)
            if tool_crashed(result):
                # The fuzzer itself crashed (a CPython `SystemError` inside hypothesis under
                # its worker threads), finding nothing wrong with the API: once more, alone.
                print(f"== schemathesis crashed as {persona}; once more", flush=True)
                command[command.index("--workers") + 1] = "1"
                result = subprocess.run(command, cwd=ROOT, env=env, capture_output=True, text=True)
            tail = result.stdout.strip().splitlines()[-12:]
            print("\n".join(tail), flush=True)
            if result.returncode != 0:
                failed.append(persona)
                print(result.stdout[-20000:], flush=True)
        print(f"== fuzzed {len(chosen)} personas in {time.monotonic() - started:.0f} s")
    finally:
        server.terminate()
        server.wait(timeout=20)
    if failed:
        print(f"schemathesis found defects as: {', '.join(failed)}; server log: {work / 'gunicorn.log'}")
        sys.exit(1)


if __name__ == "__main__":
    main()

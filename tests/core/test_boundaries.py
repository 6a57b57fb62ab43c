"""The layers of STYLE.md, checked: domains import downwards only (import-linter reads the
contract in .importlinter, function-level imports included), and no import inside a
function reaches another app to dodge a cycle (only AppConfig.ready may, which is where
Django wants listeners registered)."""

import ast
import shutil
import subprocess
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent.parent
EXCHANGE = ROOT / "exchange"


def _app_of(module: str) -> str:
    parts = module.split(".")
    return parts[1] if len(parts) > 1 and parts[0] == "exchange" else ""


def test_the_layers_contract_is_kept():
    lint = shutil.which("lint-imports", path=str(ROOT / ".venv" / "bin")) or shutil.which(
        "lint-imports"
    )
    if lint is None:
        pytest.skip("import-linter is not installed (pip install -e '.[dev]')")
    result = subprocess.run(
        [lint, "--no-cache"], cwd=ROOT, capture_output=True, text=True, check=False
    )
    assert result.returncode == 0, result.stdout[-4000:]


def local_imports_of_other_apps():
    found = []
    for path in EXCHANGE.rglob("*.py"):
        if "migrations" in path.parts:
            continue
        own = path.relative_to(EXCHANGE).parts[0]
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if (
                not isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef))
                or node.name == "ready"
            ):
                continue
            for inner in ast.walk(node):
                if isinstance(inner, ast.ImportFrom) and inner.level == 0 and inner.module:
                    names = [inner.module]
                elif isinstance(inner, ast.Import):
                    names = [alias.name for alias in inner.names]
                else:
                    continue
                for name in names:
                    app = _app_of(name)
                    if app and app != own:
                        found.append(f"{path.relative_to(ROOT)}:{inner.lineno} imports {name}")
    return found


def test_no_function_level_import_reaches_another_app():
    assert local_imports_of_other_apps() == []


def test_email_leaves_by_one_way():
    """Only notifications.delivery sends e-mail (and the sign-up library's adapter, for its
    own account e-mails): no domain builds or sends a message itself."""
    senders = set()
    for path in EXCHANGE.rglob("*.py"):
        if "migrations" in path.parts:
            continue
        text = path.read_text(encoding="utf-8")
        if any(
            word in text for word in ("send_mail(", "EmailMessage(", "send_mass_mail(", ".send()")
        ):
            senders.add(str(path.relative_to(EXCHANGE)))
    assert senders <= {"notifications/delivery.py", "accounts/adapter.py"}, senders

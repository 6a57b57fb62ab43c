"""`make bench` runs every benchmark; `make bench ONLY=name` runs one.

Each benchmark is a module `bench/<name>.py` with `run() -> list[dict]`. A figure is
{"name", "value", "unit", "goal", "better": "lower"|"higher", "setting"}; the list is
printed as a table and written to var/bench/<name>.json. Benchmarks print figures; they
are not tests and never fail the build on a slow machine.
"""

import importlib
import json
import pkgutil
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "var" / "bench"


def available():
    return sorted(
        m.name
        for m in pkgutil.iter_modules([str(Path(__file__).parent)])
        if not m.name.startswith("_") and m.name not in {"common"}
    )


def print_table(name, figures):
    print(f"\n== {name}")
    header = ("figure", "value", "unit", "goal", "setting")
    rows = [header] + [
        (
            f["name"],
            f"{f['value']:.4g}" if isinstance(f["value"], float) else str(f["value"]),
            f["unit"],
            "" if f["goal"] is None else f"{'≤' if f['better'] == 'lower' else '≥'} {f['goal']}",
            f["setting"],
        )
        for f in figures
    ]
    widths = [max(len(r[i]) for r in rows) for i in range(len(header))]
    for i, row in enumerate(rows):
        print("  ".join(cell.ljust(w) for cell, w in zip(row, widths, strict=True)))
        if i == 0:
            print("  ".join("-" * w for w in widths))


def main(argv):
    import os

    import django

    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "exchange.settings")
    django.setup()
    names = argv or available()
    unknown = set(names) - set(available())
    if unknown:
        sys.exit(
            f"unknown benchmark(s): {', '.join(sorted(unknown))}; available: {', '.join(available())}"
        )
    OUT.mkdir(parents=True, exist_ok=True)
    for name in names:
        started = time.perf_counter()
        figures = importlib.import_module(f"bench.{name}").run()
        (OUT / f"{name}.json").write_text(json.dumps(figures, indent=2, ensure_ascii=False))
        print_table(name, figures)
        print(f"({time.perf_counter() - started:.0f} s; written to {OUT / (name + '.json')})")


if __name__ == "__main__":
    main([a for a in sys.argv[1:] if a])

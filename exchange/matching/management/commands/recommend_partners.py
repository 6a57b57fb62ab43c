import json
import sys
import time

import numpy as np
from django.core.management.base import BaseCommand, CommandError

from exchange.matching import services
from exchange.matching.engine import Candidate
from exchange.matching.reasons import explain


class Command(BaseCommand):
    help = (
        "Recommend partners: one JSON line per organisation, "
        '{"ref": ..., "partners": [{"ref": ..., "score": ...}, ...]}, best first. Logs go to stderr.'
    )

    def add_arguments(self, parser):
        target = parser.add_mutually_exclusive_group(required=True)
        target.add_argument("--all", action="store_true", help="every organisation")
        target.add_argument("--ref", help="one organisation, by its external reference")
        parser.add_argument("--limit", type=int, default=10)
        parser.add_argument("--format", choices=["jsonl"], default="jsonl")
        parser.add_argument(
            "--reasons", action="store_true", help="include the reasons of each partner"
        )

    def handle(self, *args, all, ref, limit, reasons, **options):
        if limit < 1:
            raise CommandError("--limit must be at least 1")
        started = time.perf_counter()
        index = services.get_index()
        if ref is not None:
            if ref not in index.refs:
                raise CommandError(f"no organisation with ref {ref!r}")
            rows = [index.refs.index(ref)]
        else:
            rows = list(range(len(index)))
        out = sys.stdout
        count = 0
        for start in range(0, len(rows), 256):
            chunk = rows[start : start + 256]
            for row, found in zip(chunk, index.top(np.array(chunk), limit), strict=True):
                partners = []
                for j, score in found:
                    partner = {"ref": index.refs[j] or str(index.ids[j]), "score": round(score, 4)}
                    if reasons:
                        candidate = Candidate(int(index.ids[j]), score, index.reasons(row, j))
                        partner["reasons"] = explain(candidate, partner["ref"])
                    partners.append(partner)
                out.write(
                    json.dumps(
                        {"ref": index.refs[row] or str(index.ids[row]), "partners": partners},
                        ensure_ascii=False,
                    )
                    + "\n"
                )
                count += 1
        self.stderr.write(f"{count} organisation(s) in {time.perf_counter() - started:.2f} s")

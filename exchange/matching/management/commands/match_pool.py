import json
import sys
import time

from django.core.management.base import BaseCommand, CommandError

from exchange.matching.engine import Candidate, Index
from exchange.matching.pairing import pair_pool
from exchange.matching.reasons import explain
from exchange.matching.services import profiles_from_records
from exchange.organisations.importing import parse_lines


class Command(BaseCommand):
    help = (
        "Pair single applicants from a JSON Lines file (the import format) into Turkey-Europe "
        "partnerships with the highest total score. Prints one JSON line per pair."
    )

    def add_arguments(self, parser):
        parser.add_argument("file", help="a .jsonl file of organisations, or - for standard input")

    def handle(self, *args, file, **options):
        started = time.perf_counter()
        try:
            handle = sys.stdin if file == "-" else open(file, encoding="utf-8")  # noqa: SIM115
        except OSError as exc:
            raise CommandError(f"cannot read {file}: {exc.strerror}") from exc
        with handle:
            parsed = list(parse_lines(handle))
        records = [p for _n, p, _e in parsed if p is not None]
        for number, _p, error in parsed:
            if error:
                self.stderr.write(f"line {number}: {error}")
        index = Index(profiles_from_records(records))
        refs = {i + 1: r.ref for i, r in enumerate(records)}
        pairs = pair_pool(index)
        for pair in pairs:
            reasons = explain(Candidate(pair.europe, pair.score, pair.reasons), refs[pair.europe])
            line = {
                "turkey": refs[pair.turkey],
                "europe": refs[pair.europe],
                "score": pair.score,
                "reasons": reasons,
            }
            self.stdout.write(json.dumps(line, ensure_ascii=False))
        single = len(records) - 2 * len(pairs)
        self.stderr.write(
            f"{len(pairs)} pairs, {single} left single, {time.perf_counter() - started:.2f} s"
        )
        if any(error for _n, _p, error in parsed):
            raise CommandError("some lines could not be read", returncode=1)

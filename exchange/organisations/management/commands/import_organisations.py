import sys
import uuid

from django.core.management.base import BaseCommand, CommandError
from tqdm import tqdm

from exchange.core import events
from exchange.organisations.importing import import_lines


class Command(BaseCommand):
    help = "Import organisations from a JSON Lines file (idempotent on 'ref'). Bad lines are reported and skipped."

    def add_arguments(self, parser):
        parser.add_argument("file", help="path to a .jsonl file, or - for standard input")
        parser.add_argument("--batch-size", type=int, default=500)
        parser.add_argument(
            "--no-progress", action="store_true", help="do not show the progress bar"
        )

    def handle(self, *args, file, batch_size, no_progress, no_reading=False, **options):
        try:
            handle = sys.stdin if file == "-" else open(file, encoding="utf-8")  # noqa: SIM115
        except OSError as exc:
            raise CommandError(f"cannot read {file}: {exc.strerror}") from exc
        with handle:
            total = None
            if handle is not sys.stdin:
                total = sum(1 for line in handle if line.strip())
                handle.seek(0)
            with tqdm(
                total=total,
                unit=" lines",
                file=sys.stderr,
                disable=no_progress or None,
                desc="import",
            ) as bar:
                try:
                    report = import_lines(handle, batch_size=batch_size, progress=bar)
                except UnicodeDecodeError as exc:
                    raise CommandError(f"{file} is not UTF-8 text: {exc.reason}") from exc
        for number, reason in report.errors:
            self.stderr.write(f"line {number}: {reason}")
        self.stderr.write(
            f"{report.created} created, {report.updated} updated, {len(report.errors)} bad line(s)"
        )
        if (report.created or report.updated) and not no_reading:
            # The matching engine embeds the new texts and learns from the labelled ones
            # (it listens to this event): in a worker in production, right here with the
            # in-process task back-end.
            self.stderr.write("reading the imported texts for partner matching…")
            events.emit(
                "organisations.imported",
                key=f"organisations.imported:{uuid.uuid4()}",
                created=report.created,
                updated=report.updated,
            )
        if report.errors:
            raise CommandError(f"{len(report.errors)} line(s) could not be imported", returncode=1)

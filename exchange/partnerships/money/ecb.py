"""Reading the European Central Bank's euro reference rates, exactly as it publishes them.

Two files (https://www.ecb.europa.eu/stats/eurofxref/): the day's `eurofxref.csv` and the
whole history `eurofxref-hist.csv`. Both are one header line, then a line per business day:

    Date,USD,JPY,BGN,CYP,CZK,...,TRY,...,ZAR,
    2024-06-14,1.0686,167.85,1.9558,N/A,24.622,...,34.7793,...,19.6165,

    Date, USD, JPY, BGN, CZK, ...,
    14 June 2024, 1.0686, 167.85, 1.9558, 24.622, ...,

Each value is the price of 1 EUR in that currency; "N/A" (or nothing) where the ECB had no
rate that day (a currency it no longer publishes, or one it started later). The daily file
writes the date in English words and puts a space after every comma; both end every line
with a comma. A byte-order mark, Windows line ends and blank lines occur when the file
went through a spreadsheet. Anything else — another header, no Date column, numbers that
are not numbers, a binary file, an empty one, one far too big — is refused with a message
that says what is wrong and where, and nothing of it is imported.

Pure: bytes in, rows out; no database (services.import_rates writes them).
"""

from __future__ import annotations

import csv
import datetime
import io
import re
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

from django.utils.translation import gettext as _

# The whole history since 1999 is about 1.5 MB and grows by ~90 KB a year.
MAX_BYTES = 8 * 1024 * 1024
MAX_ERRORS = 5
CODE = re.compile(r"^[A-Z]{3}$")
MISSING = {"", "N/A", "NA", "-"}
MONTHS = {
    name: number
    for number, name in enumerate(
        (
            "january", "february", "march", "april", "may", "june", "july", "august",
            "september", "october", "november", "december",
        ),
        start=1,
    )
}  # fmt: skip


class NotEcbFile(ValueError):
    """The file is not the ECB's reference-rates CSV; `messages` say why (translated)."""

    def __init__(self, messages: list[str]):
        super().__init__(" ".join(messages))
        self.messages = messages


@dataclass(frozen=True)
class Rates:
    """What a file holds: {date: {currency: rate per EUR}}."""

    days: dict[datetime.date, dict[str, Decimal]]
    currencies: tuple[str, ...]

    @property
    def first(self) -> datetime.date | None:
        return min(self.days) if self.days else None

    @property
    def last(self) -> datetime.date | None:
        return max(self.days) if self.days else None

    def rows(self):
        for day, values in sorted(self.days.items()):
            for code, rate in values.items():
                yield day, code, rate


def check_size(size: int) -> None:
    if size > MAX_BYTES:
        raise NotEcbFile(
            [
                _("The file is too large (%(size)s MB). The limit is %(limit)s MB.")
                % {"size": round(size / 1_048_576, 1), "limit": MAX_BYTES // 1_048_576}
            ]
        )


def _decode(data: bytes) -> str:
    check_size(len(data))
    if not data or not data.strip():
        raise NotEcbFile([_("The file is empty.")])
    if data[:4] == b"PK\x03\x04":
        raise NotEcbFile(
            [
                _(
                    "This is a ZIP archive. Unpack it and upload the CSV file inside "
                    "(eurofxref-hist.csv or eurofxref.csv)."
                )
            ]
        )
    if b"\x00" in data[:4096]:
        raise NotEcbFile([_("This is not a text file. Upload the ECB's CSV file.")])
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise NotEcbFile([_("This is not a text file. Upload the ECB's CSV file.")]) from None


def _date(text: str) -> datetime.date | None:
    text = text.strip()
    try:
        return datetime.date.fromisoformat(text)
    except ValueError:
        pass
    parts = text.split()
    if len(parts) == 3 and parts[0].isdigit() and parts[2].isdigit():
        month = MONTHS.get(parts[1].lower())
        if month:
            try:
                return datetime.date(int(parts[2]), month, int(parts[0]))
            except ValueError:
                return None
    return None


def _rate(text: str) -> Decimal | None | bool:
    """The rate, None when the ECB has none that day, False when it is not a rate."""
    text = text.strip()
    if text.upper() in MISSING:
        return None
    if not re.fullmatch(r"\d{1,9}(\.\d{1,8})?", text):
        return False
    try:
        value = Decimal(text)
    except InvalidOperation:
        return False
    return value if value > 0 else False


def parse(data: bytes) -> Rates:
    """The rates of an ECB reference-rates CSV file, or NotEcbFile."""
    text = _decode(data)
    lines = [line for line in io.StringIO(text, newline=None).read().splitlines() if line.strip()]
    if not lines:
        raise NotEcbFile([_("The file is empty.")])
    header = [cell.strip() for cell in next(csv.reader([lines[0]]))]
    while header and header[-1] == "":
        header.pop()  # the ECB ends every line with a comma
    if not header or header[0].lower() != "date":
        raise NotEcbFile(
            [
                _(
                    "The first line must be the ECB's header: “Date” and then currency codes "
                    "(Date, USD, JPY, …). This file starts with “%(start)s”."
                )
                % {"start": lines[0][:60]}
            ]
        )
    codes = header[1:]
    bad = [c for c in codes if not CODE.match(c)]
    if not codes or bad:
        raise NotEcbFile(
            [
                _("The header has columns that are not currency codes: %(columns)s.")
                % {"columns": ", ".join(bad[:5]) or "—"}
            ]
        )
    if len(set(codes)) != len(codes):
        raise NotEcbFile([_("The header names a currency twice.")])
    errors: list[str] = []
    days: dict[datetime.date, dict[str, Decimal]] = {}
    for number, line in enumerate(lines[1:], start=2):
        cells = [cell.strip() for cell in next(csv.reader([line]))]
        while len(cells) > len(header) and cells[-1] == "":
            cells.pop()
        if len(cells) != len(header):
            errors.append(
                _("Line %(line)s has %(found)s values where the header has %(expected)s.")
                % {"line": number, "found": len(cells), "expected": len(header)}
            )
        else:
            day = _date(cells[0])
            if day is None:
                errors.append(
                    _("Line %(line)s: “%(value)s” is not a date.")
                    % {"line": number, "value": cells[0][:30]}
                )
            elif day in days:
                errors.append(
                    _("Line %(line)s: %(date)s appears twice.")
                    % {"line": number, "date": day.isoformat()}
                )
            else:
                values = {}
                for code, cell in zip(codes, cells[1:], strict=True):
                    rate = _rate(cell)
                    if rate is False:
                        errors.append(
                            _("Line %(line)s, %(currency)s: “%(value)s” is not a rate.")
                            % {"line": number, "currency": code, "value": cell[:30]}
                        )
                        break
                    if rate is not None:
                        values[code] = rate
                days[day] = values
        if len(errors) >= MAX_ERRORS:
            break
    if errors:
        raise NotEcbFile(errors)
    if not days:
        raise NotEcbFile([_("The file has a header but no rates.")])
    return Rates(days, tuple(codes))

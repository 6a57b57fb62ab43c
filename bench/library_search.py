"""Model library latency: the library's search page (200 varied queries with filters, in
TR/DE/EN), the same searches through the API, and the family-tree page of a model with
200 descendants over 6 generations, with 50,000 published models, on SQLite and
PostgreSQL, beside a trivial page (the privacy notice) in the same run.
Goals: search p95 <= 150 ms (API no more), family tree p95 <= 200 ms.

Data sets are synthetic (bench._library_worker) and kept between runs:
var/bench/library-*.sqlite3 and the PostgreSQL databases exchange_bench_library_*."""

import os

from bench.common import run_worker_per_database

SIZES = [int(s) for s in os.environ.get("BENCH_LIBRARY_SIZES", "50000").split(",")]


def run():
    return run_worker_per_database(
        "library",
        "bench._library_worker",
        SIZES,
        indexing=[
            "exchange/core/textsearch.py",
            "exchange/library/services.py",
            "exchange/library/tags.py",
        ],
    )

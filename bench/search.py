"""Load-test the site search on PostgreSQL among 10,000 generated pages, next to the home page.

Run from the repository root as `.venv/bin/python bench/search.py` (`make bench` runs it after
run.py). It migrates, loads the demo content, adds the generated pages of generate_pages.py if
they are missing, serves the site with gunicorn as run.py does and prints a markdown table: p50
and p95 latency of three searches and of the home page in the same run, each search's p95 as a
multiple of the home page's (the target is at most 3x), and the SQL queries per request, which
must be the same for a search with ~10 hits as for one with ~1,000.

Environment: DATABASE_URL (a PostgreSQL database only for benchmarks, as the pages stay in it;
without a PostgreSQL DATABASE_URL the search benchmark is skipped), BENCH_PAGES (default 10000),
BENCH_SECONDS (default 10) per URL, BENCH_CONNECTIONS (default 8), BENCH_MAX_REQUESTS (default
100000). Latencies come from the Python load generator whatever BENCH_TOOL says, because wrk
reports no 95th percentile.
"""

import dataclasses
import json
import os
import signal
import sys
import tempfile
from urllib.parse import urlencode

from generate_pages import DEFAULT_COUNT, FREQUENT, RARE
from run import (
    REPO_ROOT,
    BenchError,
    benchmark_pages,
    exit_on_sigterm,
    log,
    positive_int_from_env,
    prepare_database,
    production_env,
    read_config,
    run_checked,
)

RESULTS_FILE = REPO_ROOT / "bench" / "results" / "search.md"
HOME = "/"
TARGET_RATIO = 3


def search_path(query):
    return "/sok/?" + urlencode({"q": query})


SEARCHES = [
    (search_path(FREQUENT[0]), "one word, ~1,000 hits"),
    # FREQUENT[1] and the municipality Karlstad share every eightieth page.
    (search_path(f"{FREQUENT[1]} Karlstad"), "two words, ~125 hits"),
    (search_path("xylofonorkester"), "no hits"),
]
FEW_HITS = search_path(RARE[137])
MANY_HITS = SEARCHES[0][0]

COUNT_SNIPPET = """
import json
import re
import sys

import django

django.setup()

from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

report = {}
for path in sys.argv[1:]:
    Client(HTTP_HOST="127.0.0.1").get(path)
    with CaptureQueriesContext(connection) as queries:
        response = Client(HTTP_HOST="127.0.0.1").get(path)
    if response.status_code != 200:
        sys.exit(f"GET {path} answered {response.status_code}, expected 200")
    summary = re.search(r'class="search__summary" role="status">(\\d+) ', response.content.decode())
    report[path] = {"queries": len(queries), "hits": int(summary[1]) if summary else None}
print(json.dumps({"vendor": connection.vendor, "report": report}))
"""


def is_postgresql(database_url):
    return database_url.split(":", 1)[0] in {"postgres", "postgresql", "pgsql"}


def generate_pages(env, count):
    command = [sys.executable, "bench/generate_pages.py", str(count)]
    run_checked(command, env, f"making sure {count} generated pages exist")


def count_queries_and_hits(env, paths):
    command = [sys.executable, "-c", COUNT_SNIPPET, *paths]
    output = run_checked(command, env, "counting SQL queries and hits per search")
    report = json.loads(output.strip().splitlines()[-1])
    if report["vendor"] != "postgresql":
        raise BenchError(f"expected PostgreSQL, the site runs on {report['vendor']}")
    return report["report"]


def markdown_report(config, pages, results, counts):
    home = results[HOME]
    few, many = counts[FEW_HITS], counts[MANY_HITS]
    lines = [
        f"database: postgresql, {pages} generated pages, tool: python, {config.seconds} s per "
        f"URL, {config.connections} connections",
        "",
        "| page | hits | requests/s | p50 (ms) | p95 (ms) | p95 vs home p95 | SQL queries |",
        "| --- | ---: | ---: | ---: | ---: | ---: | ---: |",
    ]
    for path, description in [(HOME, "home page (sv)"), *SEARCHES]:
        result = results[path]
        hits = counts[path]["hits"]
        lines.append(
            f"| `{path}` {description} | {'' if hits is None else hits} | "
            f"{result.requests_per_second:.1f} | {result.p50_ms:.2f} | {result.p95_ms:.2f} | "
            f"{result.p95_ms / home.p95_ms:.2f}x | {counts[path]['queries']} |"
        )
    lines += [
        "",
        f"SQL queries per search: {few['queries']} with {few['hits']} hits (`{FEW_HITS}`), "
        f"{many['queries']} with {many['hits']} hits (`{MANY_HITS}`).",
        f"Target: each search's p95 at most {TARGET_RATIO}x the home page's p95.",
    ]
    return "\n".join(lines) + "\n"


def run():
    database_url = os.environ.get("DATABASE_URL", "").strip()
    if not is_postgresql(database_url):
        log("search benchmark skipped: set DATABASE_URL to a PostgreSQL database for benchmarks")
        return
    # Both the home page and the searches go through the Python load generator, for the p95.
    config = dataclasses.replace(
        read_config(), seconds=positive_int_from_env("BENCH_SECONDS", 10), wrk_path=None
    )
    pages = positive_int_from_env("BENCH_PAGES", DEFAULT_COUNT)
    paths = [HOME, *(path for path, _ in SEARCHES)]
    with tempfile.TemporaryDirectory(prefix="idekammare-bench-static-") as static_root:
        env = production_env(static_root)
        prepare_database(env)
        generate_pages(env, pages)
        counts = count_queries_and_hits(env, [*paths, FEW_HITS])
        results = benchmark_pages(config, env, paths)
    report = markdown_report(config, pages, results, counts)
    print(report, end="")
    RESULTS_FILE.parent.mkdir(parents=True, exist_ok=True)
    RESULTS_FILE.write_text(report, encoding="utf-8")
    log(f"wrote {RESULTS_FILE.relative_to(REPO_ROOT)}")
    if counts[FEW_HITS]["queries"] != counts[MANY_HITS]["queries"]:
        raise BenchError("a search with ~1,000 hits costs other SQL queries than one with ~10")


def main():
    signal.signal(signal.SIGTERM, exit_on_sigterm)
    try:
        run()
    except BenchError as error:
        print(f"bench: error: {error}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        return 130
    return 0


if __name__ == "__main__":
    sys.exit(main())

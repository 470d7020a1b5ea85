"""Load-test the site as production runs it and print markdown tables with the targets of #14.

Run from the repository root as `.venv/bin/python bench/run.py` (or `make bench`). It loads the
demo content into a fresh SQLite database in a temporary folder (or into DATABASE_URL), serves it
with gunicorn (deploy/gunicorn.conf.py, 2 workers, bench/settings.py: production settings plus
`/bench/plain/`, a plain view returning 5 KB) on Redis, and puts Varnish
(deploy/varnish/default.vcl) in front when `varnishd` is installed. Then:

1. rounds: each URL in turn for BENCH_SECONDS, BENCH_ROUNDS times, so that every ratio to the
   plain view comes from the same minutes; CPU per request is the CPU time the gunicorn (and
   Varnish) processes spent during a URL's turns divided by its requests;
2. a publish: the newest news item with an English translation gets a new title in both
   languages, published as an editor publishes; each page that showed it is polled through
   Varnish until it shows the new title (the sitemap page: until it is fetched afresh), timed
   from the commit;
3. BENCH_LOAD_SECONDS with 64 connections through Varnish across the cached pages.

Environment: BENCH_SECONDS (default 2) per URL and round, BENCH_ROUNDS (default 3),
BENCH_CONNECTIONS (default 8) for the rounds, BENCH_LOAD_SECONDS (default 10), BENCH_TOOL (wrk or
python; default wrk when installed), BENCH_REDIS_URL (default redis://127.0.0.1:6379/15, flushed
before and after), DATABASE_URL (default: a fresh SQLite file; a database named here gets the
demo content loaded over whatever it holds).
"""

import html
import http.client
import json
import os
import re
import secrets
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

import redis

REPO_ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO_ROOT))

from deploy import local_stack  # noqa: E402 - the repository is on the path from here on
from deploy.local_stack import HOST, StackError, free_port, get  # noqa: E402

RESULTS_FILE = REPO_ROOT / "bench" / "results" / "latest.md"
PLAIN = "/bench/plain/"
HOME = "/"
LISTING = "/stallningstaganden/"
STATEMENT = "/stallningstaganden/unga-vuxnas-psykiska-halsa/"
# Through gunicorn alone: every request renders.
PAGES = [
    (PLAIN, "plain Django view, 5 KB"),
    (HOME, "home page (sv)"),
    ("/en/", "home page (en)"),
    (LISTING, "statement listing"),
    (STATEMENT, "statement with 9 endorsers"),
    ("/remisser/", "remiss register"),
    ("/nyheter/", "news listing"),
]
UNCACHED_TARGET = [HOME, STATEMENT]
# Through Varnish, compared with the plain view through gunicorn.
CACHED = [
    (HOME, "home page (sv)"),
    (LISTING, "statement listing"),
    ("/nyheter/", "news listing"),
    (STATEMENT, "statement with 9 endorsers"),
]
NEWS_FEED = "/flode/nyheter.rss"
SITEMAP_PAGE = "/sitemap-pages.xml?p=1"
UNCACHED_MIN_RATIO = 0.10
CACHED_MIN_RATIO = 10
VISIBLE_WITHIN_SECONDS = 2
LOAD_CONNECTIONS = 64
LOAD_MAX_P99_MS = 100
STARTUP_TIMEOUT_SECONDS = 30
POLL_INTERVAL_SECONDS = 0.02
# Variables a subprocess needs to run at all; everything else from the caller's shell is
# dropped so that stray settings (CONN_MAX_AGE, ...) do not change what is measured.
INHERITED_VARIABLES = ("PATH", "HOME", "LANG", "LC_ALL", "TMPDIR")
CLOCK_TICKS = os.sysconf("SC_CLK_TCK")

COUNT_QUERIES_SNIPPET = """
import json
import sys

import django

django.setup()

from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

counts = {}
for path in sys.argv[1:]:
    # A fresh client per request, so no cookie from the warm-up request changes the count.
    Client(HTTP_HOST="127.0.0.1").get(path)
    with CaptureQueriesContext(connection) as queries:
        response = Client(HTTP_HOST="127.0.0.1").get(path)
    if response.status_code != 200:
        sys.exit(f"GET {path} answered {response.status_code}, expected 200")
    counts[path] = len(queries)
print(json.dumps({"vendor": connection.vendor, "queries": counts}))
"""

# `urls`: print the address and title of the newest Swedish news item that has an English
# translation, and of that translation.
# `publish <word>`: append <word> to both titles and publish them, as an editor with publish
# permission does (the publication guard lets that through), in one transaction; print the time
# of the commit, taken before the purges that follow it.
NEWS_SNIPPET = """
import json
import sys
import time

import django

django.setup()

from django.contrib.auth import get_user_model
from django.db import transaction

from home.core.publication import acting_as
from news.models import NewsPage

news = NewsPage.objects.live()
translated = news.filter(locale__language_code="en").values("translation_key")
item = (
    news.filter(locale__language_code="sv", translation_key__in=translated)
    .order_by("-date", "-pk")
    .first()
)
pages = [item, *item.get_translations().live().specific()]
if sys.argv[1] == "urls":
    print(json.dumps({p.locale.language_code: [p.get_url(), p.title] for p in pages}))
    sys.exit()
editor = get_user_model().objects.filter(is_superuser=True).first()
with acting_as(editor), transaction.atomic():
    transaction.on_commit(lambda: print(json.dumps(time.time()), flush=True))
    for page in pages:
        page.title = f"{page.title} {sys.argv[2]}"
        page.save_revision(user=editor).publish(user=editor)
"""

WRK_MIX_SCRIPT = """
local paths = {%s}
local i = 0
request = function()
  i = i %% #paths + 1
  return wrk.format("GET", paths[i])
end
"""


class BenchError(Exception):
    pass


@dataclass
class BenchConfig:
    seconds: int
    rounds: int
    connections: int
    load_seconds: int
    max_requests: int
    wrk_path: str | None


@dataclass
class LoadResult:
    requests: int
    seconds: float
    p50_ms: float
    p99_ms: float
    errors: int = 0
    # wrk prints no 95th percentile; the Python load generator keeps every latency.
    p95_ms: float | None = None

    @property
    def requests_per_second(self):
        return self.requests / self.seconds


@dataclass
class Measured:
    """A URL's turns in the rounds, added up."""

    rounds: list[LoadResult] = field(default_factory=list)
    gunicorn_cpu: float = 0.0
    varnish_cpu: float = 0.0

    @property
    def requests(self):
        return sum(result.requests for result in self.rounds)

    @property
    def requests_per_second(self):
        return self.requests / sum(result.seconds for result in self.rounds)

    @property
    def p50_ms(self):
        return statistics.median(result.p50_ms for result in self.rounds)

    @property
    def p99_ms(self):
        return max(result.p99_ms for result in self.rounds)

    def cpu_ms(self, seconds):
        return 1000 * seconds / self.requests


@dataclass
class ConnectionTally:
    latencies: list[float] = field(default_factory=list)
    bad_statuses: dict[int, int] = field(default_factory=dict)
    errors: int = 0


def log(message):
    print(f"bench: {message}", file=sys.stderr, flush=True)


def positive_int_from_env(name, default):
    raw = os.environ.get(name, "").strip()
    if not raw:
        return default
    try:
        value = int(raw)
    except ValueError:
        raise BenchError(f"{name} must be a whole number, got {raw!r}") from None
    if value < 1:
        raise BenchError(f"{name} must be at least 1, got {value}")
    return value


def choose_wrk():
    tool = os.environ.get("BENCH_TOOL", "").strip().lower()
    if tool not in {"", "wrk", "python"}:
        raise BenchError(f"BENCH_TOOL must be 'wrk' or 'python', got {tool!r}")
    if tool == "python":
        return None
    wrk_path = shutil.which("wrk")
    if tool == "wrk" and wrk_path is None:
        raise BenchError("BENCH_TOOL=wrk but wrk is not on PATH")
    return wrk_path


def read_config():
    return BenchConfig(
        seconds=positive_int_from_env("BENCH_SECONDS", 2),
        rounds=positive_int_from_env("BENCH_ROUNDS", 3),
        connections=positive_int_from_env("BENCH_CONNECTIONS", 8),
        load_seconds=positive_int_from_env("BENCH_LOAD_SECONDS", 10),
        max_requests=positive_int_from_env("BENCH_MAX_REQUESTS", 100_000),
        wrk_path=choose_wrk(),
    )


def production_env(static_root, database_url=None, varnish_port=None):
    env = {name: os.environ[name] for name in INHERITED_VARIABLES if name in os.environ}
    env.update(
        DJANGO_SETTINGS_MODULE="bench.settings",
        SECRET_KEY=secrets.token_urlsafe(50),
        ALLOWED_HOSTS="127.0.0.1,localhost",
        SECURE_SSL_REDIRECT="false",
        SECURE_COOKIES="false",
        STATIC_ROOT=str(static_root),
        REDIS_URL=os.environ.get("BENCH_REDIS_URL", "").strip() or "redis://127.0.0.1:6379/15",
        GUNICORN_WORKERS="2",
        PYTHONUNBUFFERED="1",
    )
    database_url = database_url or os.environ.get("DATABASE_URL", "").strip()
    if database_url:
        env["DATABASE_URL"] = database_url
    if varnish_port:
        env["VARNISH_PURGE_URL"] = f"http://{HOST}:{varnish_port}"
    return env


def run_checked(command, env, description):
    log(description)
    result = subprocess.run(command, cwd=REPO_ROOT, env=env, capture_output=True, text=True)
    if result.returncode != 0:
        raise BenchError(
            f"{description} failed (exit {result.returncode}):\n{result.stdout}{result.stderr}"
        )
    return result.stdout


def manage(env, *arguments):
    command = [sys.executable, "manage.py", *arguments]
    return run_checked(command, env, f"manage.py {' '.join(arguments)}")


def prepare_database(env):
    manage(env, "migrate", "--no-input")
    manage(env, "load_demo_content", "--force")
    manage(env, "collectstatic", "--no-input")


def flush_redis(env):
    try:
        redis.Redis.from_url(env["REDIS_URL"]).flushdb()
    except redis.RedisError as error:
        raise BenchError(f"Redis at {env['REDIS_URL']} did not answer: {error}") from None


def snippet_output(env, snippet, *arguments):
    command = [sys.executable, "-c", snippet, *arguments]
    output = run_checked(command, env, f"python -c <snippet> {' '.join(arguments)}")
    return json.loads(output.strip().splitlines()[-1])


def count_queries(env, paths):
    report = snippet_output(env, COUNT_QUERIES_SNIPPET, *paths)
    return report["vendor"], report["queries"]


def process_cpu_seconds(pid):
    """CPU time of a process and of its children that have ended, from /proc (Linux)."""
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except FileNotFoundError:
        return 0.0
    # utime, stime, cutime, cstime: fields 14 to 17 of proc(5); fields[0] is field 3.
    return sum(int(ticks) for ticks in fields[11:15]) / CLOCK_TICKS


def tree_cpu_seconds(root_pid):
    """CPU time of `root_pid` and all its descendants, ended or running."""
    parents = {}
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            parents[int(stat.parent.name)] = int(stat.read_text().rsplit(")", 1)[1].split()[1])
        except (FileNotFoundError, ProcessLookupError):
            continue
    tree, pending = [], [root_pid]
    while pending:
        pid = pending.pop()
        tree.append(pid)
        pending += [child for child, parent in parents.items() if parent == pid]
    return sum(process_cpu_seconds(pid) for pid in tree)


@contextmanager
def running_stack(static_root, database_url, with_varnish):
    """gunicorn, and Varnish before it if `with_varnish` (the path to varnishd), on free
    loopback ports (deploy/local_stack.py); stopped on leaving."""
    gunicorn_port = free_port()
    varnish_port = free_port() if with_varnish else None
    env = production_env(static_root, database_url, varnish_port)
    log(f"starting gunicorn on {HOST}:{gunicorn_port}")
    if with_varnish:
        log(f"and varnishd on {HOST}:{varnish_port} in front of it")
    try:
        with local_stack.running_stack(
            env,
            gunicorn_port=gunicorn_port,
            gunicorn_ready=PLAIN,
            varnishd=with_varnish,
            varnish_port=varnish_port,
        ) as stack:
            yield stack
    except StackError as error:
        raise BenchError(str(error)) from None


def hammer_one_connection(port, paths, deadline, request_cap, tally):
    connection = http.client.HTTPConnection(HOST, port, timeout=10)
    turn = 0
    try:
        while len(tally.latencies) < request_cap and time.perf_counter() < deadline:
            path = paths[turn % len(paths)]
            turn += 1
            started = time.perf_counter()
            try:
                # http.client reconnects by itself when gunicorn closes the connection.
                connection.request("GET", path)
                response = connection.getresponse()
                response.read()
            except (OSError, http.client.HTTPException):
                tally.errors += 1
                connection.close()
                continue
            tally.latencies.append(time.perf_counter() - started)
            if not 200 <= response.status < 400:
                tally.bad_statuses[response.status] = tally.bad_statuses.get(response.status, 0) + 1
    finally:
        connection.close()


def percentile_ms(sorted_seconds, fraction):
    index = min(len(sorted_seconds) - 1, max(0, round(fraction * len(sorted_seconds)) - 1))
    return sorted_seconds[index] * 1000


def load_with_python(port, paths, seconds, connections, max_requests):
    tallies = [ConnectionTally() for _ in range(connections)]
    request_cap = max(1, max_requests // connections)
    started = time.perf_counter()
    deadline = started + seconds
    threads = [
        threading.Thread(
            target=hammer_one_connection, args=(port, paths, deadline, request_cap, tally)
        )
        for tally in tallies
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    elapsed = time.perf_counter() - started
    latencies = sorted(latency for tally in tallies for latency in tally.latencies)
    if not latencies:
        raise BenchError(f"{paths} completed no request under load")
    bad = sum(count for tally in tallies for count in tally.bad_statuses.values())
    return LoadResult(
        requests=len(latencies),
        seconds=elapsed,
        p50_ms=percentile_ms(latencies, 0.50),
        p99_ms=percentile_ms(latencies, 0.99),
        p95_ms=percentile_ms(latencies, 0.95),
        errors=bad + sum(tally.errors for tally in tallies),
    )


WRK_UNITS_TO_MS = {"us": 0.001, "ms": 1.0, "s": 1000.0, "m": 60_000.0, "h": 3_600_000.0}


def wrk_latency_ms(output, percent):
    match = re.search(rf"^\s*{percent}%\s+([\d.]+)(us|ms|s|m|h)\s*$", output, re.MULTILINE)
    if match is None:
        raise BenchError(f"no {percent}% latency line in wrk output:\n{output}")
    return float(match.group(1)) * WRK_UNITS_TO_MS[match.group(2)]


def parse_wrk_output(output):
    match = re.search(r"^\s*(\d+) requests in ([\d.]+)(us|ms|s|m)", output, re.MULTILINE)
    if match is None:
        raise BenchError(f"no request count in wrk output:\n{output}")
    socket_errors = re.search(r"Socket errors: (.*)$", output, re.MULTILINE)
    bad_statuses = re.search(r"Non-2xx or 3xx responses: (\d+)", output)
    errors = sum(int(n) for n in re.findall(r"\d+", socket_errors[1])) if socket_errors else 0
    return LoadResult(
        requests=int(match.group(1)),
        seconds=float(match.group(2)) * WRK_UNITS_TO_MS[match.group(3)] / 1000,
        p50_ms=wrk_latency_ms(output, 50),
        p99_ms=wrk_latency_ms(output, 99),
        errors=errors + (int(bad_statuses[1]) if bad_statuses else 0),
    )


def load_with_wrk(wrk_path, port, paths, seconds, connections):
    # wrk refuses to run with fewer connections than threads.
    command = [wrk_path, f"-t{min(2, connections)}", f"-c{connections}", f"-d{seconds}s"]
    with tempfile.NamedTemporaryFile("w", suffix=".lua") as script:
        if len(paths) > 1:
            script.write(WRK_MIX_SCRIPT % ", ".join(json.dumps(path) for path in paths))
            script.flush()
            command += ["-s", script.name]
        command += ["--latency", f"http://{HOST}:{port}{paths[0]}"]
        result = subprocess.run(command, capture_output=True, text=True, timeout=seconds + 60)
    if result.returncode != 0:
        raise BenchError(f"wrk failed on {paths} (exit {result.returncode}):\n{result.stderr}")
    return parse_wrk_output(result.stdout)


def load(config, port, paths, seconds, connections):
    if config.wrk_path:
        return load_with_wrk(config.wrk_path, port, paths, seconds, connections)
    return load_with_python(port, paths, seconds, connections, config.max_requests)


def warm_up(port, path):
    status = get(port, path)[0]
    if status != 200:
        raise BenchError(f"GET {path} answered {status} on :{port}, expected 200")
    for _ in range(5):
        get(port, path)


def measure_rounds(config, stack, targets):
    """Each (port, path) in turn for config.seconds, config.rounds times."""
    measured = {target: Measured() for target in targets}
    for target in targets:
        warm_up(*target)
    for number in range(1, config.rounds + 1):
        log(f"round {number}/{config.rounds}: {len(targets)} URLs, {config.seconds} s each")
        for port, path in targets:
            gunicorn_before = tree_cpu_seconds(stack.gunicorn.pid)
            varnish_before = tree_cpu_seconds(stack.varnish.pid) if stack.varnish else 0.0
            result = load(config, port, [path], config.seconds, config.connections)
            if result.errors:
                raise BenchError(f"{path} on :{port}: {result.errors} errors under load")
            entry = measured[port, path]
            entry.rounds.append(result)
            entry.gunicorn_cpu += tree_cpu_seconds(stack.gunicorn.pid) - gunicorn_before
            if stack.varnish:
                entry.varnish_cpu += tree_cpu_seconds(stack.varnish.pid) - varnish_before
    return measured


def poll_until_visible(port, path, is_visible, seen, stop_at):
    while time.time() < stop_at:
        try:
            status, x_cache, body = get(port, path)
        except OSError:
            status = None
        if status == 200 and is_visible(x_cache, body):
            seen[path] = time.time()
            return
        time.sleep(POLL_INTERVAL_SECONDS)


def shows_title(body, title):
    return title.encode() in body or html.escape(title).encode() in body


def measure_publish(stack):
    """Which pages show a news item, and the seconds from the commit of its new title until
    each of them (and the sitemap page) shows it; None for never within 30 s."""
    port = stack.varnish_port
    items = snippet_output(stack.env, NEWS_SNIPPET, "urls")
    word = f"bench{secrets.token_hex(4)}"
    candidates = [
        f"{urlsplit(url).path} news item ({language})" for language, (url, _) in items.items()
    ]
    candidates += [
        "/nyheter/ news listing (sv)",
        "/en/news/ news listing (en)",
        "/ home page (sv)",
        "/en/ home page (en)",
        f"{NEWS_FEED} news feed (sv)",
        "/en/feed/news.rss news feed (en)",
    ]
    titles = [title for _, title in items.values()]
    showing, not_showing = [], []
    for label in candidates:
        warm_up(port, label.split()[0])
        body = get(port, label.split()[0])[2]
        (showing if any(shows_title(body, t) for t in titles) else not_showing).append(label)
    sitemap_before = get(port, SITEMAP_PAGE)[2]
    if get(port, SITEMAP_PAGE)[1] != "HIT":
        raise BenchError(f"{SITEMAP_PAGE} is not cached by Varnish")

    def shows_word(x_cache, body):
        return word.encode() in body

    def fetched_afresh(x_cache, body):
        return x_cache == "MISS" or body != sitemap_before

    checks = dict.fromkeys(showing, shows_word) | {f"{SITEMAP_PAGE} sitemap page": fetched_afresh}
    seen = {}
    stop_at = time.time() + 30
    threads = [
        threading.Thread(
            target=poll_until_visible, args=(port, label.split()[0], check, seen, stop_at)
        )
        for label, check in checks.items()
    ]
    for thread in threads:
        thread.start()
    committed = snippet_output(stack.env, NEWS_SNIPPET, "publish", word)
    for thread in threads:
        thread.join()
    seconds = {
        label: seen[path] - committed if (path := label.split()[0]) in seen else None
        for label in checks
    }
    return seconds, not_showing


def load_through_varnish(config, stack):
    paths = [path for path, _ in CACHED] + ["/en/", "/remisser/", NEWS_FEED]
    for path in paths:
        warm_up(stack.varnish_port, path)
    log(f"{LOAD_CONNECTIONS} connections for {config.load_seconds} s through Varnish")
    return paths, load(config, stack.varnish_port, paths, config.load_seconds, LOAD_CONNECTIONS)


def met(condition):
    return "met" if condition else "**not met**"


def ratio_range(measured, baseline):
    ratios = [
        result.requests_per_second / plain.requests_per_second
        for result, plain in zip(measured.rounds, baseline.rounds, strict=True)
    ]
    return f"{min(ratios):.2f}–{max(ratios):.2f}x"


def markdown_report(config, vendor, measured, query_counts, stack, published, loaded):
    tool = "wrk" if config.wrk_path else "python"
    plain = measured[stack.gunicorn_port, PLAIN]
    lines = [
        f"database: {vendor}, cache: Redis, gunicorn: 2 sync workers, tool: {tool}; "
        f"{config.rounds} interleaved rounds of {config.seconds} s per URL, "
        f"{config.connections} connections",
        "",
        "| via | page | requests/s | p50 (ms) | p99 (ms) | CPU ms/request gunicorn | "
        "CPU ms/request Varnish | vs plain view (rounds) | SQL queries |",
        "| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |",
    ]
    rows = [("gunicorn", stack.gunicorn_port, PAGES)]
    if stack.varnish:
        rows.append(("Varnish", stack.varnish_port, CACHED))
    for via, port, pages in rows:
        for path, description in pages:
            entry = measured[port, path]
            ratio = entry.requests_per_second / plain.requests_per_second
            queries = query_counts[path] if via == "gunicorn" else ""
            lines.append(
                f"| {via} | `{path}` {description} | {entry.requests_per_second:.1f} | "
                f"{entry.p50_ms:.2f} | {entry.p99_ms:.2f} | "
                f"{entry.cpu_ms(entry.gunicorn_cpu):.2f} | "
                f"{entry.cpu_ms(entry.varnish_cpu) if stack.varnish else 0:.2f} | "
                f"{ratio:.2f}x ({ratio_range(entry, plain)}) | {queries} |"
            )

    def ratio(port, path):
        return measured[port, path].requests_per_second / plain.requests_per_second

    uncached = {path: ratio(stack.gunicorn_port, path) for path in UNCACHED_TARGET}
    targets = [
        (
            f"uncached home and statement ≥ {UNCACHED_MIN_RATIO:.2f}x the plain view",
            ", ".join(f"`{path}` {value:.2f}x" for path, value in uncached.items()),
            met(min(uncached.values()) >= UNCACHED_MIN_RATIO),
        )
    ]
    if stack.varnish:
        cached = {path: ratio(stack.varnish_port, path) for path, _ in CACHED}
        visible, not_showing = published
        slowest = max(visible.values(), key=lambda s: float("inf") if s is None else s)
        loaded_paths, load_result = loaded
        targets += [
            (
                f"through Varnish home, listings and a statement ≥ {CACHED_MIN_RATIO}x the "
                "plain view through gunicorn",
                ", ".join(f"`{path}` {value:.1f}x" for path, value in cached.items()),
                met(min(cached.values()) >= CACHED_MIN_RATIO),
            ),
            (
                f"a publish visible through Varnish within {VISIBLE_WITHIN_SECONDS} s everywhere",
                "slowest " + ("never (30 s)" if slowest is None else f"{slowest:.2f} s"),
                met(slowest is not None and slowest <= VISIBLE_WITHIN_SECONDS),
            ),
            (
                f"{LOAD_CONNECTIONS} connections through Varnish: 0 errors, p99 < "
                f"{LOAD_MAX_P99_MS} ms",
                f"{load_result.errors} errors, p99 {load_result.p99_ms:.2f} ms, "
                f"{load_result.requests_per_second:.0f} requests/s",
                met(load_result.errors == 0 and load_result.p99_ms < LOAD_MAX_P99_MS),
            ),
        ]
        lines += [
            "",
            "The newest news item with a translation, both published with a new title: "
            "seconds from the commit until each page that showed the item shows the new title "
            "through Varnish (the sitemap page: until it is fetched afresh). Not showing the "
            f"item, so not polled: {', '.join(f'`{label.split()[0]}`' for label in not_showing)}.",
            "",
            "| page | seconds |",
            "| --- | ---: |",
        ]
        for label, seconds in visible.items():
            shown = "never (30 s)" if seconds is None else f"{seconds:.2f}"
            page, _, description = label.partition(" ")
            lines.append(f"| `{page}` {description} | {shown} |")
        lines += [
            "",
            f"{LOAD_CONNECTIONS} connections for {config.load_seconds} s through Varnish, in "
            f"turn {', '.join(f'`{path}`' for path in loaded_paths)}: "
            f"{load_result.requests} requests, {load_result.requests_per_second:.0f}/s, "
            f"p50 {load_result.p50_ms:.2f} ms, p99 {load_result.p99_ms:.2f} ms, "
            f"{load_result.errors} errors.",
        ]
    else:
        targets.append(("through Varnish", "varnishd is not installed: not measured", "—"))
    lines += ["", "| target (#14) | measured | |", "| --- | --- | --- |"]
    lines += [f"| {target} | {value} | {verdict} |" for target, value, verdict in targets]
    return "\n".join(lines) + "\n"


def write_results(report):
    RESULTS_FILE.parent.mkdir(parents=True, exist_ok=True)
    RESULTS_FILE.write_text(report, encoding="utf-8")
    log(f"wrote {RESULTS_FILE.relative_to(REPO_ROOT)}")


def benchmark_pages(config, env, paths):
    """Each path in turn for config.seconds through gunicorn alone (for bench/search.py)."""
    results = {}
    with running_stack(env["STATIC_ROOT"], env.get("DATABASE_URL"), None) as stack:
        for path in paths:
            warm_up(stack.gunicorn_port, path)
            log(f"loading {path} for {config.seconds} s with {config.connections} connections")
            results[path] = load(
                config, stack.gunicorn_port, [path], config.seconds, config.connections
            )
            if results[path].errors:
                raise BenchError(f"{path}: {results[path].errors} errors under load")
    return results


def run():
    config = read_config()
    with_varnish = shutil.which("varnishd")
    if not with_varnish:
        log("varnishd is not installed (apt-get install varnish varnish-modules): no Varnish")
    with tempfile.TemporaryDirectory(prefix="idekammare-bench-") as work_dir:
        database_url = os.environ.get("DATABASE_URL", "").strip()
        database_url = database_url or f"sqlite:///{work_dir}/db.sqlite3"
        env = production_env(Path(work_dir) / "static", database_url)
        prepare_database(env)
        # Counted before gunicorn starts so the two do not compete for the CPU.
        vendor, query_counts = count_queries(env, [path for path, _ in PAGES])
        flush_redis(env)
        try:
            with running_stack(Path(work_dir) / "static", database_url, with_varnish) as stack:
                targets = [(stack.gunicorn_port, path) for path, _ in PAGES]
                if with_varnish:
                    targets += [(stack.varnish_port, path) for path, _ in CACHED]
                measured = measure_rounds(config, stack, targets)
                published = measure_publish(stack) if with_varnish else None
                loaded = load_through_varnish(config, stack) if with_varnish else None
        finally:
            flush_redis(env)
    report = markdown_report(config, vendor, measured, query_counts, stack, published, loaded)
    print(report, end="")
    write_results(report)


def exit_on_sigterm(signum, frame):
    sys.exit(128 + signum)


def main():
    # Turning SIGTERM into SystemExit lets the finally blocks stop gunicorn and Varnish and
    # remove the temporary files when the run is killed rather than interrupted.
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

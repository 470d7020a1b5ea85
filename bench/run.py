"""Load-test the site under production settings with gunicorn and print a markdown table.

Run from the repository root as `.venv/bin/python bench/run.py` (or `make bench`).
Environment: BENCH_SECONDS (default 10) per URL, BENCH_CONNECTIONS (default 8),
BENCH_MAX_REQUESTS (default 100000, cap per URL for the Python load generator),
BENCH_TOOL (wrk or python; default wrk when installed), DATABASE_URL (default SQLite).
"""

import http.client
import json
import os
import re
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parent.parent
RESULTS_FILE = REPO_ROOT / "bench" / "results" / "latest.md"
# The venv that runs this script also provides gunicorn; sys.executable is not resolved so
# that a symlinked venv python still points into the venv's bin directory.
VENV_BIN = Path(sys.executable).parent
HOST = "127.0.0.1"
PAGES = [
    ("/", "home page (sv)"),
    ("/en/", "home page (en)"),
    ("/stallningstaganden/", "statement listing"),
    ("/stallningstaganden/unga-vuxnas-psykiska-halsa/", "statement with 9 endorsers"),
    ("/remisser/", "remiss register"),
    ("/healthz", "plain Django view"),
]
BASELINE_PATH = "/healthz"
STARTUP_TIMEOUT_SECONDS = 30
WARMUP_SECONDS = 1
# Variables a subprocess needs to run at all; everything else from the caller's shell is
# dropped so that stray settings (REDIS_URL, CONN_MAX_AGE, ...) do not change what is measured.
INHERITED_VARIABLES = ("PATH", "HOME", "LANG", "LC_ALL", "TMPDIR")

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


class BenchError(Exception):
    pass


@dataclass
class BenchConfig:
    seconds: int
    connections: int
    max_requests: int
    wrk_path: str | None


@dataclass
class LoadResult:
    requests_per_second: float
    p50_ms: float
    p99_ms: float
    # wrk prints no 95th percentile; the Python load generator keeps every latency.
    p95_ms: float | None = None


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
        seconds=positive_int_from_env("BENCH_SECONDS", 10),
        connections=positive_int_from_env("BENCH_CONNECTIONS", 8),
        max_requests=positive_int_from_env("BENCH_MAX_REQUESTS", 100_000),
        wrk_path=choose_wrk(),
    )


def production_env(static_root):
    env = {name: os.environ[name] for name in INHERITED_VARIABLES if name in os.environ}
    env.update(
        DJANGO_SETTINGS_MODULE="idekammare.settings.production",
        SECRET_KEY=secrets.token_urlsafe(50),
        ALLOWED_HOSTS="127.0.0.1,localhost",
        SECURE_SSL_REDIRECT="false",
        SECURE_COOKIES="false",
        STATIC_ROOT=str(static_root),
        PYTHONUNBUFFERED="1",
    )
    database_url = os.environ.get("DATABASE_URL", "").strip()
    if database_url:
        env["DATABASE_URL"] = database_url
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


def count_queries(env, paths):
    command = [sys.executable, "-c", COUNT_QUERIES_SNIPPET, *paths]
    output = run_checked(command, env, "counting SQL queries per request")
    report = json.loads(output.strip().splitlines()[-1])
    return report["vendor"], report["queries"]


def free_port():
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.bind((HOST, 0))
        return probe.getsockname()[1]


def start_gunicorn(env, port, stderr_file):
    command = [
        str(VENV_BIN / "gunicorn"),
        "idekammare.wsgi:application",
        "--workers",
        "2",
        "--bind",
        f"{HOST}:{port}",
    ]
    log(f"starting gunicorn on {HOST}:{port}")
    return subprocess.Popen(
        command, cwd=REPO_ROOT, env=env, stdout=stderr_file, stderr=subprocess.STDOUT
    )


def stop_gunicorn(process):
    if process.poll() is not None:
        return
    process.terminate()
    try:
        process.wait(timeout=10)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait()


def get_status(port, path, timeout=5):
    connection = http.client.HTTPConnection(HOST, port, timeout=timeout)
    try:
        connection.request("GET", path)
        response = connection.getresponse()
        response.read()
        return response.status
    finally:
        connection.close()


def gunicorn_log(stderr_file):
    stderr_file.flush()
    stderr_file.seek(0)
    return stderr_file.read().decode(errors="replace")


def wait_until_healthy(process, port, stderr_file):
    deadline = time.monotonic() + STARTUP_TIMEOUT_SECONDS
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise BenchError(
                f"gunicorn exited with code {process.returncode} before answering "
                f"{BASELINE_PATH}. Its output:\n{gunicorn_log(stderr_file)}"
            )
        try:
            if get_status(port, BASELINE_PATH, timeout=2) == 200:
                return
        except OSError:
            pass
        time.sleep(0.2)
    raise BenchError(
        f"gunicorn did not answer 200 on {BASELINE_PATH} within {STARTUP_TIMEOUT_SECONDS} s. "
        f"Its output:\n{gunicorn_log(stderr_file)}"
    )


def require_200(port, path):
    status = get_status(port, path)
    if status != 200:
        raise BenchError(f"GET {path} answered {status}, expected 200; not benchmarking it")


def hammer_one_connection(port, path, deadline, request_cap, tally):
    connection = http.client.HTTPConnection(HOST, port, timeout=10)
    try:
        while len(tally.latencies) < request_cap and time.perf_counter() < deadline:
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


def load_with_python(port, path, seconds, connections, max_requests):
    tallies = [ConnectionTally() for _ in range(connections)]
    request_cap = max(1, max_requests // connections)
    started = time.perf_counter()
    deadline = started + seconds
    threads = [
        threading.Thread(
            target=hammer_one_connection, args=(port, path, deadline, request_cap, tally)
        )
        for tally in tallies
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    elapsed = time.perf_counter() - started
    latencies = sorted(latency for tally in tallies for latency in tally.latencies)
    errors = sum(tally.errors for tally in tallies)
    bad_statuses = {}
    for tally in tallies:
        for status, count in tally.bad_statuses.items():
            bad_statuses[status] = bad_statuses.get(status, 0) + count
    if bad_statuses:
        raise BenchError(f"{path} gave non-2xx/3xx responses under load: {bad_statuses}")
    if not latencies:
        raise BenchError(f"{path} completed no request under load ({errors} connection errors)")
    if errors:
        log(f"warning: {errors} connection errors on {path}")
    return LoadResult(
        requests_per_second=len(latencies) / elapsed,
        p50_ms=percentile_ms(latencies, 0.50),
        p99_ms=percentile_ms(latencies, 0.99),
        p95_ms=percentile_ms(latencies, 0.95),
    )


WRK_UNITS_TO_MS = {"us": 0.001, "ms": 1.0, "s": 1000.0, "m": 60_000.0, "h": 3_600_000.0}


def wrk_latency_ms(output, percent):
    match = re.search(rf"^\s*{percent}%\s+([\d.]+)(us|ms|s|m|h)\s*$", output, re.MULTILINE)
    if match is None:
        raise BenchError(f"no {percent}% latency line in wrk output:\n{output}")
    return float(match.group(1)) * WRK_UNITS_TO_MS[match.group(2)]


def parse_wrk_output(output, path):
    if "Non-2xx or 3xx responses" in output:
        raise BenchError(f"{path} gave non-2xx/3xx responses under load:\n{output}")
    if "Socket errors" in output:
        log(f"warning: wrk reported socket errors on {path}")
    match = re.search(r"^Requests/sec:\s+([\d.]+)", output, re.MULTILINE)
    if match is None:
        raise BenchError(f"no Requests/sec line in wrk output:\n{output}")
    return LoadResult(
        requests_per_second=float(match.group(1)),
        p50_ms=wrk_latency_ms(output, 50),
        p99_ms=wrk_latency_ms(output, 99),
    )


def load_with_wrk(wrk_path, port, path, seconds, connections):
    # wrk refuses to run with fewer connections than threads.
    threads = min(2, connections)
    command = [
        wrk_path,
        f"-t{threads}",
        f"-c{connections}",
        f"-d{seconds}s",
        "--latency",
        f"http://{HOST}:{port}{path}",
    ]
    result = subprocess.run(command, capture_output=True, text=True, timeout=seconds + 60)
    if result.returncode != 0:
        raise BenchError(f"wrk failed on {path} (exit {result.returncode}):\n{result.stderr}")
    return parse_wrk_output(result.stdout, path)


def load(config, port, path):
    log(f"loading {path} for {config.seconds} s with {config.connections} connections")
    if config.wrk_path:
        return load_with_wrk(config.wrk_path, port, path, config.seconds, config.connections)
    return load_with_python(port, path, config.seconds, config.connections, config.max_requests)


def warm_up(config, port, path):
    log(f"warming up {path}")
    load_with_python(port, path, WARMUP_SECONDS, config.connections, config.max_requests)


def benchmark_pages(config, env, paths):
    results = {}
    with tempfile.TemporaryFile() as stderr_file:
        port = free_port()
        process = start_gunicorn(env, port, stderr_file)
        try:
            wait_until_healthy(process, port, stderr_file)
            for path in paths:
                require_200(port, path)
            for path in paths:
                warm_up(config, port, path)
                results[path] = load(config, port, path)
            if process.poll() is not None:
                raise BenchError(f"gunicorn died during the run:\n{gunicorn_log(stderr_file)}")
        finally:
            stop_gunicorn(process)
    return results


def markdown_report(config, vendor, results, query_counts):
    tool = "wrk" if config.wrk_path else "python"
    baseline = results[BASELINE_PATH].requests_per_second
    lines = [
        f"database: {vendor}, tool: {tool}, {config.seconds} s per URL, "
        f"{config.connections} connections",
        "",
        "| page | requests/s | p50 (ms) | p99 (ms) | requests/s vs /healthz | SQL queries |",
        "| --- | ---: | ---: | ---: | ---: | ---: |",
    ]
    for path, description in PAGES:
        result = results[path]
        lines.append(
            f"| `{path}` {description} | {result.requests_per_second:.1f} | "
            f"{result.p50_ms:.2f} | {result.p99_ms:.2f} | "
            f"{result.requests_per_second / baseline:.2f}x | {query_counts[path]} |"
        )
    return "\n".join(lines) + "\n"


def write_results(report):
    RESULTS_FILE.parent.mkdir(parents=True, exist_ok=True)
    RESULTS_FILE.write_text(report, encoding="utf-8")
    log(f"wrote {RESULTS_FILE.relative_to(REPO_ROOT)}")


def run():
    config = read_config()
    with tempfile.TemporaryDirectory(prefix="idekammare-bench-static-") as static_root:
        env = production_env(static_root)
        prepare_database(env)
        # Counted before gunicorn starts so the two do not compete for the CPU.
        vendor, query_counts = count_queries(env, [path for path, _ in PAGES])
        results = benchmark_pages(config, env, [path for path, _ in PAGES])
    report = markdown_report(config, vendor, results, query_counts)
    print(report, end="")
    write_results(report)


def exit_on_sigterm(signum, frame):
    sys.exit(128 + signum)


def main():
    # Turning SIGTERM into SystemExit lets the finally blocks stop gunicorn and remove the
    # static files when the run is killed rather than interrupted.
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

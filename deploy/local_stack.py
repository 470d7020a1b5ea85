"""The production stack on loopback, for `make bench` and the end-to-end test of the cache.

gunicorn with deploy/gunicorn.conf.py and, in front of it, varnishd with deploy/varnish/default.vcl
(its backend port pointed at this gunicorn), each on a free port of 127.0.0.1, with the
environment the caller gives (production settings, a database, Redis). Stopped on leaving.
"""

import http.client
import re
import socket
import subprocess
import sys
import tempfile
import time
from contextlib import ExitStack, contextmanager
from dataclasses import dataclass
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parent.parent
# The venv that runs this also provides gunicorn; sys.executable is not resolved so that a
# symlinked venv python still points into the venv's bin directory.
VENV_BIN = Path(sys.executable).parent
HOST = "127.0.0.1"
STARTUP_TIMEOUT_SECONDS = 60


class StackError(RuntimeError):
    """A part of the stack did not start or died; the message carries its output."""


@dataclass
class Stack:
    gunicorn: subprocess.Popen
    gunicorn_port: int
    varnish: subprocess.Popen | None
    varnish_port: int | None
    env: dict


def free_port():
    with socket.socket() as probe:
        probe.bind((HOST, 0))
        return probe.getsockname()[1]


def start_gunicorn(env, port, log_file):
    # The production configuration, except that workers are not recycled after 2,000 requests:
    # a new worker's start-up would otherwise land in the middle of a measurement.
    command = [
        str(VENV_BIN / "gunicorn"),
        "--config",
        "deploy/gunicorn.conf.py",
        "--bind",
        f"{HOST}:{port}",
        "--max-requests",
        "0",
        "idekammare.wsgi:application",
    ]
    return subprocess.Popen(command, cwd=REPO_ROOT, env=env, stdout=log_file, stderr=log_file)


def start_varnish(varnishd, work_dir, port, backend_port, log_file):
    vcl = (REPO_ROOT / "deploy" / "varnish" / "default.vcl").read_text()
    vcl, replaced = re.subn(r'\.port = "8000";', f'.port = "{backend_port}";', vcl)
    if replaced != 1:
        raise StackError('deploy/varnish/default.vcl no longer has one `.port = "8000";`')
    # varnishd drops its privileges: its folder must be readable by its own user.
    work_dir.chmod(0o755)
    (work_dir / "default.vcl").write_text(vcl)
    command = [
        *(varnishd, "-F", "-n", str(work_dir / "varnish"), "-a", f"{HOST}:{port}"),
        *("-f", str(work_dir / "default.vcl"), "-s", "malloc,256m"),
        *("-p", "http_req_hdr_len=16k", "-p", "http_resp_hdr_len=32k"),
    ]
    return subprocess.Popen(command, stdout=log_file, stderr=log_file)


def stop(process):
    if process is None or process.poll() is not None:
        return
    process.terminate()
    try:
        process.wait(timeout=10)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait()


def get(port, path, timeout=5, headers=None):
    """(status, X-Cache, body) of a GET to 127.0.0.1:`port`."""
    connection = http.client.HTTPConnection(HOST, port, timeout=timeout)
    try:
        connection.request("GET", path, headers=headers or {})
        response = connection.getresponse()
        return response.status, response.getheader("X-Cache"), response.read()
    finally:
        connection.close()


def process_log(log_file):
    log_file.flush()
    log_file.seek(0)
    return log_file.read().decode(errors="replace")[-5000:]


def wait_for_200(process, port, path, log_file):
    deadline = time.monotonic() + STARTUP_TIMEOUT_SECONDS
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise StackError(
                f"{process.args[0]} exited with code {process.returncode} before answering "
                f"{path}. Its output:\n{process_log(log_file)}"
            )
        try:
            if get(port, path, timeout=2)[0] == 200:
                return
        except OSError:
            pass
        time.sleep(0.2)
    raise StackError(
        f"{HOST}:{port} did not answer 200 on {path} within {STARTUP_TIMEOUT_SECONDS} s. "
        f"Output:\n{process_log(log_file)}"
    )


@contextmanager
def running_stack(env, *, gunicorn_port, gunicorn_ready, varnishd=None, varnish_port=None):
    """gunicorn on `gunicorn_port`, and Varnish on `varnish_port` before it when `varnishd` (its
    path) is given. gunicorn answers 200 on `gunicorn_ready` and Varnish on the home page (a page
    it caches) before this yields."""
    with ExitStack() as stack:
        gunicorn_log = stack.enter_context(tempfile.TemporaryFile())
        gunicorn = start_gunicorn(env, gunicorn_port, gunicorn_log)
        stack.callback(stop, gunicorn)
        wait_for_200(gunicorn, gunicorn_port, gunicorn_ready, gunicorn_log)
        varnish = None
        if varnishd:
            varnish_log = stack.enter_context(tempfile.TemporaryFile())
            work_dir = Path(stack.enter_context(tempfile.TemporaryDirectory()))
            varnish = start_varnish(varnishd, work_dir, varnish_port, gunicorn_port, varnish_log)
            stack.callback(stop, varnish)
            # Until its first health probe passes, Varnish answers 503.
            wait_for_200(varnish, varnish_port, "/", varnish_log)
        yield Stack(gunicorn, gunicorn_port, varnish, varnish_port, env)
        if gunicorn.poll() is not None:
            raise StackError(f"gunicorn died during the run:\n{process_log(gunicorn_log)}")

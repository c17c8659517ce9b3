"""The benchmark's app processes (``benchmarks/run.py``): which processes a start is made
of, their CPU, and the load comparison's summary by worker count."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest

from benchmarks.run import app_pids, by_workers, cpu_seconds, free_port_run

SLEEPER = "import time; time.sleep(60)"


def test_a_run_of_free_ports_below_the_ephemeral_range() -> None:
    first = free_port_run(3)
    assert 20000 <= first < 32000 - 3
    for port in range(first, first + 3):
        with socket.socket() as sock:
            sock.bind(("127.0.0.1", port))


def _children(pid: int) -> int:
    found = 0
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            found += int(stat.read_text().rsplit(")", 1)[1].split()[1]) == pid
        except (OSError, IndexError):
            continue  # a process that ended meanwhile
    return found


def _wait_for_children(process: subprocess.Popen[bytes], count: int) -> None:
    deadline = time.monotonic() + 20
    while _children(process.pid) < count:
        assert time.monotonic() < deadline, "the children did not start"
        time.sleep(0.05)


@pytest.mark.skipif(not os.path.isdir("/proc"), reason="reads /proc")
def test_the_app_processes_are_serve_sh_s_workers_not_nginx_or_the_script() -> None:
    # A stand-in for serve.sh: two "assistant serve" workers and one other child.
    script = (
        f"{sys.executable} -c '{SLEEPER}' -m assistant serve --port 1 & "
        f"{sys.executable} -c '{SLEEPER}' -m assistant serve --port 2 & "
        f"{sys.executable} -c '{SLEEPER}' nginx -c conf & wait"
    )
    process = subprocess.Popen(["bash", "-c", script], start_new_session=True)
    try:
        _wait_for_children(process, 3)
        workers = app_pids(process)
        assert len(workers) == 2
        for pid in workers:
            command = Path(f"/proc/{pid}/cmdline").read_bytes().split(b"\0")
            assert b"serve" in command and b"nginx" not in command
            assert pid != process.pid
    finally:
        os.killpg(process.pid, signal.SIGKILL)
        process.wait(10)


def test_app_py_alone_is_its_own_app_process() -> None:
    process = subprocess.Popen([sys.executable, "-c", SLEEPER])
    try:
        assert app_pids(process) == [process.pid]
    finally:
        process.kill()
        process.wait(10)


def test_cpu_seconds_count_the_process_s_work() -> None:
    before = cpu_seconds(os.getpid())
    t = time.process_time()
    while time.process_time() - t < 0.3:
        pass
    assert cpu_seconds(os.getpid()) - before >= 0.2


def _round(
    workers: int, p50: float, p95: float, errors: int = 0, lost: int = 0
) -> dict[str, object]:
    return {
        "workers": workers,
        "latency_ms": {"median": p50, "p95": p95},
        "errors": errors,
        "lost_messages": lost,
    }


def test_the_comparison_is_summarised_by_worker_count() -> None:
    rounds = [
        _round(1, 1000, 2000),
        _round(2, 600, 900, errors=1),
        _round(2, 700, 1100),
        _round(1, 1200, 2600, lost=2),
        _round(1, 1100, 2400),
        _round(2, 650, 1000),
    ]
    assert by_workers(rounds, [1, 2]) == {
        "1": {"p50_ms_median": 1100, "p95_ms_median": 2400, "errors": 0, "lost_messages": 2},
        "2": {"p50_ms_median": 650, "p95_ms_median": 1000, "errors": 1, "lost_messages": 0},
    }

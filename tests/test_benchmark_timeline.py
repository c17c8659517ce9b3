"""The load run's sampler (``benchmarks/timeline.py``): requests in flight from the TCP
table, where threads are blocked, CPU per interval, and its summary."""

from __future__ import annotations

import os
import socket
import threading
import time

import pytest

from benchmarks.timeline import established, summarise, thread_states

pytestmark = pytest.mark.skipif(not os.path.isdir("/proc/self/task"), reason="reads /proc")


def test_connections_in_flight_are_counted_at_the_listening_port_only() -> None:
    with socket.socket() as server:
        server.bind(("127.0.0.1", 0))
        server.listen()
        port = server.getsockname()[1]
        clients = [socket.create_connection(("127.0.0.1", port)) for _ in range(3)]
        accepted = [server.accept()[0] for _ in clients]
        try:
            assert established([port]) == {port: 3}
        finally:
            for sock in clients + accepted:
                sock.close()
        assert established([port]) == {port: 0}


def test_a_thread_asleep_is_seen_sleeping_and_a_spinning_one_running() -> None:
    stop = threading.Event()

    def spin() -> None:
        while not stop.is_set():
            pass

    sleeper = threading.Thread(target=time.sleep, args=(3,), daemon=True)
    spinner = threading.Thread(target=spin, daemon=True)
    before = thread_states(os.getpid())
    sleeper.start()
    spinner.start()
    try:
        time.sleep(0.2)
        states = thread_states(os.getpid())
    finally:
        stop.set()
        spinner.join()
    assert states["sleep"] == before["sleep"] + 1
    assert states["R"] >= 1  # the spinner or this thread, whichever holds the GIL


def _sample(t: float, cpu: float, flight: int, asleep: int = 0) -> dict[str, object]:
    return {
        "t": t,
        "cpu": {"worker1": cpu},
        "machine": {"busy": 2 * t, "idle": 0.0, "steal": 0.0},
        "run_queue_wait_s": {"worker1": t / 2},
        "in_flight": {"worker1": flight},
        "threads": {"worker1": {"R": 1, "sleep": asleep}},
    }


def test_the_summary_gives_cores_while_busy_and_the_idle_share() -> None:
    # Busy at one core for 1 s, then idle with nothing in flight for 1 s.
    samples = [_sample(0.0, 0.0, 5), _sample(1.0, 1.0, 0), _sample(2.0, 1.0, 0)]
    found = summarise(samples, ["worker1"])
    assert found["wall_s"] == 2.0
    assert found["cpu_s"] == {"worker1": 1.0}
    assert found["machine_cores"]["busy"] == 2.0
    assert found["run_queue_wait_s"] == {"worker1": 1.0}
    assert found["worker1"]["cores_while_busy"] == 1.0
    assert found["worker1"]["share_of_samples_idle"] == round(2 / 3, 2)
    assert found["share_of_samples_all_workers_busy"] == round(1 / 3, 2)
    assert (found["worker1"]["stalled_s"], found["worker1"]["asleep_s"]) == (0.0, 0.0)


def test_a_worker_with_work_asleep_and_without_cpu_is_stalled() -> None:
    # 1 s at one core, then 1 s with 5 requests in flight, a thread asleep, no CPU.
    samples = [_sample(0.0, 0.0, 5), _sample(1.0, 1.0, 5, asleep=1), _sample(2.0, 1.0, 5, 1)]
    found = summarise(samples, ["worker1"])["worker1"]
    assert (found["with_work_s"], found["stalled_s"], found["asleep_s"]) == (2.0, 1.0, 1.0)

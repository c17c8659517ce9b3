"""What serve.sh's processes do over a load run, sampled: ``python -m benchmarks timeline``.

Issue 15 (docs/performance.md, "s37-15w"): two workers under 50 users x 3 messages used
about 1.2 of 2 cores. This starts ``scripts/serve.sh N`` on a fresh copy of the default
corpus, runs the same load as ``python -m benchmarks load`` (``run.load``), and every
``--interval`` seconds reads from ``/proc``, for every process of serve.sh's group (the
workers, nginx) and for this process (the simulated users):

- CPU seconds (user + system, all threads), so each interval's cores per process;
- requests in flight at each worker: established TCP connections to its port (nginx
  opens one per request: its upstream has no keep-alive), and at nginx's own port;
- for every thread of every worker, where it is: running or runnable (``R``), or the
  system call it is blocked in (``/proc/PID/task/TID/syscall``): ``futex`` (a lock, the
  GIL, a condition: the group commit's queue, the answer slots), ``sleep``
  (``clock_nanosleep``/``nanosleep``: in the app's request threads only SQLite's busy
  handler sleeps, backing off while another process holds the write lock), ``fsync``
  (``fsync``/``fdatasync``: a commit made durable), ``fcntl`` (SQLite's file locks), ``epoll``
  (the event loop idle) or another.

Writes ``DIR/timeline.json`` (every sample) and prints a summary. CPU accounting, not wall
time, because the machine is shared: the load average is recorded before and after.
"""

from __future__ import annotations

import argparse
import itertools
import json
import os
import shutil
import statistics
import tempfile
import threading
import time
from collections import Counter
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from assistant.config import load_settings
from benchmarks.ingestion_scale import CORPUS, QUESTIONS
from benchmarks.run import load, load_average, machine, post, start_served, stop_app

TICK = os.sysconf("SC_CLK_TCK")
SYSCALLS = {  # x86-64 numbers
    "202": "futex",
    "230": "sleep",
    "35": "sleep",
    "74": "fsync",
    "75": "fsync",
    "72": "fcntl",
    "232": "epoll",
    "281": "epoll",
    "7": "poll",
    "271": "poll",
    "0": "read",
    "1": "write",
    "17": "pread",
    "18": "pwrite",
}


def _stat(path: Path) -> list[str]:
    """The fields of a ``stat`` file after the command name (state is field 0)."""
    return path.read_text().rsplit(")", 1)[1].split()


def process_tree(root: int) -> dict[int, str]:
    """Every live descendant of ``root``, with its short command name."""
    parents: dict[int, int] = {}
    names: dict[int, str] = {}
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            text = stat.read_text()
        except OSError:
            continue
        pid = int(stat.parent.name)
        parents[pid] = int(text.rsplit(")", 1)[1].split()[1])
        names[pid] = text[text.index("(") + 1 : text.rindex(")")]
    found: dict[int, str] = {}
    frontier = [root]
    while frontier:
        parent = frontier.pop()
        for pid, ppid in parents.items():
            if ppid == parent and pid not in found:
                found[pid] = names[pid]
                frontier.append(pid)
    return found


def process_cpu(pid: int) -> float:
    fields = _stat(Path(f"/proc/{pid}/stat"))
    return (int(fields[11]) + int(fields[12])) / TICK


def established(ports: Sequence[int]) -> dict[int, int]:
    """Established TCP connections whose local port is each of ``ports`` (IPv4 and IPv6)."""
    counts = dict.fromkeys(ports, 0)
    wanted = {f"{p:04X}": p for p in ports}
    for table in ("/proc/net/tcp", "/proc/net/tcp6"):
        try:
            lines = Path(table).read_text().splitlines()[1:]
        except OSError:
            continue
        for line in lines:
            fields = line.split()
            port = wanted.get(fields[1].rsplit(":", 1)[1])
            if port is not None and fields[3] == "01":
                counts[port] += 1
    return counts


def run_queue_wait_s(pid: int) -> float:
    """Seconds the live threads of ``pid`` have spent runnable but waiting for a core
    (``schedstat``'s second field, summed over its tasks)."""
    total = 0
    for task in Path(f"/proc/{pid}/task").iterdir():
        try:
            total += int((task / "schedstat").read_text().split()[1])
        except (OSError, IndexError):
            continue
    return total / 1e9


def machine_cpu() -> dict[str, float]:
    """The machine's CPU seconds so far, all cores: busy (user, nice, system, interrupts),
    idle (with I/O wait) and steal (taken by the hypervisor for other guests)."""
    fields = [int(x) for x in Path("/proc/stat").read_text().split("\n", 1)[0].split()[1:]]
    user, nice, system, idle, iowait, irq, softirq, steal = fields[:8]
    return {
        "busy": (user + nice + system + irq + softirq) / TICK,
        "idle": (idle + iowait) / TICK,
        "steal": steal / TICK,
    }


def thread_states(pid: int) -> Counter[str]:
    """Where each thread of ``pid`` is: ``R`` (running or runnable) or its blocking call."""
    states: Counter[str] = Counter()
    for task in Path(f"/proc/{pid}/task").iterdir():
        try:
            state = _stat(task / "stat")[0]
            call = (task / "syscall").read_text().split()[0]
        except (OSError, IndexError):
            continue
        if state == "R" or call == "running":
            states["R"] += 1
        else:
            states[SYSCALLS.get(call, "other")] += 1
    return states


class Sampler:
    """Samples ``pids``' CPU, their threads' states and ``ports``' connections every
    ``interval`` seconds in a thread of its own, until ``stop``."""

    def __init__(self, pids: dict[int, str], ports: dict[str, int], interval: float) -> None:
        self.pids, self.ports, self.interval = pids, ports, interval
        self.samples: list[dict[str, Any]] = []
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)
        self.own_cpu_s = 0.0

    def __enter__(self) -> Sampler:
        self._thread.start()
        return self

    def __exit__(self, *_: object) -> None:
        self._stop.set()
        self._thread.join()

    def sample(self, t0: float) -> dict[str, Any]:
        cpu: dict[str, float] = {}
        waited: dict[str, float] = {}
        threads: dict[str, dict[str, int]] = {}
        for pid, name in self.pids.items():
            try:
                cpu[name] = process_cpu(pid)
                if name.startswith("worker"):
                    threads[name] = dict(thread_states(pid))
                    waited[name] = run_queue_wait_s(pid)
            except OSError:
                continue
        cpu["client"] = time.process_time()
        conns = established(list(self.ports.values()))
        return {
            "t": round(time.perf_counter() - t0, 3),
            "cpu": cpu,
            "machine": machine_cpu(),
            "run_queue_wait_s": waited,
            "in_flight": {name: conns[port] for name, port in self.ports.items()},
            "threads": threads,
        }

    def _run(self) -> None:
        t0 = time.perf_counter()
        mine = time.thread_time()
        while not self._stop.is_set():
            self.samples.append(self.sample(t0))
            self._stop.wait(self.interval)
        self.samples.append(self.sample(t0))
        self.own_cpu_s = time.thread_time() - mine


STALLED_CORES = 0.2
"""A worker with requests in flight using less than this is stalled for that interval."""


def summarise(samples: Sequence[dict[str, Any]], workers: Sequence[str]) -> dict[str, Any]:
    """Per interval: each process's cores; per worker: how often it had nothing in
    flight, its cores while it had work, and where its threads were (share of samples);
    ``stalled_s``: time with requests in flight but under ``STALLED_CORES``; ``asleep_s``:
    time with requests in flight and a thread asleep at both ends of the interval (in a
    worker, SQLite's busy handler: the other process holds the write lock)."""
    spans = list(itertools.pairwise(samples))
    out: dict[str, Any] = {"intervals": len(spans)}
    cores: dict[str, list[float]] = {}
    for a, b in spans:
        dt = b["t"] - a["t"]
        for name in b["cpu"]:
            if name in a["cpu"] and dt > 0:
                cores.setdefault(name, []).append((b["cpu"][name] - a["cpu"][name]) / dt)
    wall = samples[-1]["t"] - samples[0]["t"]
    out["wall_s"] = round(wall, 2)
    out["cpu_s"] = {
        n: round(samples[-1]["cpu"][n] - samples[0]["cpu"][n], 2)
        for n in samples[-1]["cpu"]
        if n in samples[0]["cpu"]
    }
    first, last = samples[0], samples[-1]
    out["machine_cores"] = {
        k: round((last["machine"][k] - first["machine"][k]) / wall, 2) for k in last["machine"]
    }
    out["run_queue_wait_s"] = {
        n: round(last["run_queue_wait_s"][n] - first["run_queue_wait_s"][n], 2)
        for n in last["run_queue_wait_s"]
    }
    out["cores_mean"] = {n: round(statistics.mean(v), 2) for n, v in cores.items()}
    for name in workers:
        flights = [s["in_flight"][name] for s in samples]
        busy = [
            c
            for (a, _), c in zip(spans, cores.get(name, []), strict=False)
            if a["in_flight"][name] > 0
        ]
        states: Counter[str] = Counter()
        for s in samples:
            states.update(s["threads"].get(name, {}))
        idle = sum(f == 0 for f in flights) / len(flights)
        with_work = stalled = sleeping = 0.0
        for (a, b), used in zip(spans, cores.get(name, []), strict=False):
            if a["in_flight"][name] == 0:
                continue
            dt = b["t"] - a["t"]
            with_work += dt
            stalled += dt if used < STALLED_CORES else 0.0
            asleep = all(s["threads"].get(name, {}).get("sleep", 0) for s in (a, b))
            sleeping += dt if asleep else 0.0
        out[name] = {
            "in_flight_mean": round(statistics.mean(flights), 1),
            "in_flight_max": max(flights),
            "share_of_samples_idle": round(idle, 2),
            "cores_while_busy": round(statistics.mean(busy), 2) if busy else 0.0,
            "with_work_s": round(with_work, 2),
            "stalled_s": round(stalled, 2),
            "asleep_s": round(sleeping, 2),
            "thread_samples": dict(states.most_common()),
        }
    both = [all(s["in_flight"][n] > 0 for n in workers) for s in samples]
    out["share_of_samples_all_workers_busy"] = round(sum(both) / len(both), 2)
    return out


def timeline(out: Path, workers: int, users: int, messages: int, interval: float) -> dict[str, Any]:
    result: dict[str, Any] = {"machine": machine(), "load_average_start": load_average()}
    with tempfile.TemporaryDirectory(prefix="bench-") as tmp:
        work = Path(tmp)
        shutil.copytree(CORPUS, work / "corpus")
        settings = load_settings(_env_file=None, data_dir=work / "data", corpus_dir=work / "corpus")
        settings.data_dir.mkdir(parents=True)
        process, base, _ = start_served(settings, workers, out / "app-timeline.log")
        try:
            port = int(base.rsplit(":", 1)[1])
            for i in range(1, workers + 1):
                for q in QUESTIONS[1:4]:
                    post(f"http://127.0.0.1:{port + i}", "/api/chat", {"message": q}, 120)
            tree = process_tree(process.pid)
            names: dict[int, str] = {}
            ports = {"nginx": port}
            for pid, name in tree.items():
                args = Path(f"/proc/{pid}/cmdline").read_bytes().split(b"\0")
                if b"serve" in args and b"--port" in args:
                    worker_port = int(args[args.index(b"--port") + 1])
                    names[pid] = f"worker{worker_port - port}"
                    ports[names[pid]] = worker_port
                elif name.startswith("nginx"):
                    names[pid] = f"nginx-{pid}"
            import assistant.chat  # noqa: F401  (load's import, outside the sampled window)

            result["load_average_before_run"] = load_average()
            with Sampler(names, ports, interval) as sampler:
                result["load"] = load(
                    settings,
                    base,
                    users,
                    messages,
                    sorted(p for p, n in names.items() if n.startswith("worker")),
                )
            result["load_average_after_run"] = load_average()
            result["sampler_cpu_s"] = round(sampler.own_cpu_s, 2)
            worker_names = sorted(n for n in names.values() if n.startswith("worker"))
            result["summary"] = summarise(sampler.samples, worker_names)
            result["samples"] = sampler.samples
        finally:
            stop_app(process)
    return result


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.timeline", description=__doc__)
    parser.add_argument("--out", type=Path, required=True)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--users", type=int, default=50)
    parser.add_argument("--messages", type=int, default=3)
    parser.add_argument("--interval", type=float, default=0.1, help="seconds between samples")
    args = parser.parse_args(argv)
    args.out.mkdir(parents=True, exist_ok=True)
    found = timeline(args.out, args.workers, args.users, args.messages, args.interval)
    (args.out / "timeline.json").write_text(json.dumps(found, indent=1) + "\n", encoding="utf-8")
    shown = {k: v for k, v in found.items() if k not in ("samples", "machine")}
    print(json.dumps(shown, indent=1))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

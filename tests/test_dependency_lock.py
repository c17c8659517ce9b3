"""Locked dependencies (issue 16, item 9): the hashed locks cover pyproject.toml, and the
vulnerability audit of them fails on a finding but not on a service it cannot reach.

The audit is run as CI runs it (``scripts/audit.sh``) with ``pip-audit`` replaced by a
small program that writes the report pip-audit would: PyPI's vulnerability data is not
reachable from the project's machines, so the real service can only ever answer
"not audited" here.
"""

from __future__ import annotations

import json
import os
import re
import stat
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest

from assistant.config import PROJECT_ROOT

REQUIREMENTS = PROJECT_ROOT / "requirements"
PIN = re.compile(r"^([A-Za-z0-9][A-Za-z0-9._-]*)==(\S+)")
NAME = re.compile(r"^([A-Za-z0-9][A-Za-z0-9._-]*)")


def _normal(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).lower()


def _lock(path: Path) -> dict[str, tuple[str, int]]:
    """name -> (version, number of hashes) for every requirement in a pip-compile lock."""
    pins: dict[str, tuple[str, int]] = {}
    current: str | None = None
    for line in path.read_text().splitlines():
        match = PIN.match(line)
        if match:
            current = _normal(match.group(1))
            pins[current] = (match.group(2), 0)
        elif line.strip().startswith("--hash=sha256:") and current is not None:
            version, hashes = pins[current]
            pins[current] = (version, hashes + 1)
        elif line and not line.startswith((" ", "#")):
            pytest.fail(f"{path.name}: a requirement that is not pinned with ==: {line!r}")
    return pins


def _declared(extra: str | None = None) -> set[str]:
    project = tomllib.loads((PROJECT_ROOT / "pyproject.toml").read_text())["project"]
    specs = project["optional-dependencies"][extra] if extra else project["dependencies"]
    return {_normal(NAME.match(spec).group(1)) for spec in specs}  # type: ignore[union-attr]


def test_the_locks_pin_everything_with_hashes_and_cover_pyproject() -> None:
    app = _lock(REQUIREMENTS / "app.txt")
    test = _lock(REQUIREMENTS / "test.txt")
    for pins in (app, test):
        assert all(hashes for _, hashes in pins.values()), [
            name for name, (_, hashes) in pins.items() if not hashes
        ]
        # the CPU build on this kind of machine's disk; any other torch is a CUDA download
        assert pins["torch"][0] == "2.13.0+cpu"
        assert "setuptools" in pins  # the project installs with --no-build-isolation
    missing_app = _declared() - app.keys()
    assert not missing_app, f"in pyproject.toml, not in the lock: run scripts/lock.sh {missing_app}"
    missing_test = (_declared() | _declared("test") | {"llama-cpp-python"}) - test.keys()
    assert not missing_test, f"not in the test lock: run scripts/lock.sh {missing_test}"
    # the test lock is the app's lock at the same versions, plus the test tools
    assert {name: test[name][0] for name in app} == {name: app[name][0] for name in app}


FAKE_PIP_AUDIT = """#!{python}
import json, os, sys
args = sys.argv[1:]
with open(os.environ["FAKE_AUDIT_ARGS"], "a") as log:
    log.write(json.dumps(args) + "\\n")
report = os.environ["FAKE_AUDIT_REPORT"]
if report != "none":
    with open(args[args.index("--output") + 1], "w") as out:
        out.write(report)
sys.exit(int(os.environ["FAKE_AUDIT_EXIT"]))
"""


def _audit(tmp_path: Path, report: object, exit_code: int) -> subprocess.CompletedProcess[str]:
    fake = tmp_path / "pip-audit"
    fake.write_text(FAKE_PIP_AUDIT.format(python=sys.executable))
    fake.chmod(fake.stat().st_mode | stat.S_IXUSR)
    env = dict(
        os.environ,
        PIP_AUDIT=str(fake),
        FAKE_AUDIT_ARGS=str(tmp_path / "args.jsonl"),
        FAKE_AUDIT_REPORT=report if isinstance(report, str) else json.dumps(report),
        FAKE_AUDIT_EXIT=str(exit_code),
    )
    return subprocess.run(
        ["bash", "scripts/audit.sh"],
        cwd=PROJECT_ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_audit_fails_on_a_known_vulnerability_and_names_it(tmp_path: Path) -> None:
    report = {
        "dependencies": [
            {"name": "gradio", "version": "6.31.0", "vulns": []},
            {
                "name": "jinja2",
                "version": "3.1.6",
                "vulns": [{"id": "GHSA-test-0001", "fix_versions": ["3.1.7"]}],
            },
            {"name": "torch", "skip_reason": "Dependency not found on PyPI"},
        ],
        "fixes": [],
    }
    result = _audit(tmp_path, report, exit_code=1)
    assert result.returncode == 1, result
    assert "requirements/app.txt: jinja2 3.1.6: GHSA-test-0001 (3.1.7)" in result.stdout
    assert "2 of 3 packages audited, 1 known vulnerabilities" in result.stdout
    calls = [json.loads(line) for line in (tmp_path / "args.jsonl").read_text().splitlines()]
    assert [call[call.index("--requirement") + 1] for call in calls] == [
        "requirements/app.txt",
        "requirements/test.txt",
    ]


def test_audit_passes_when_the_service_answers_for_nothing_or_is_unreachable(
    tmp_path: Path,
) -> None:
    skipped = {
        "dependencies": [
            {"name": "gradio", "skip_reason": "Dependency not found on PyPI"},
            {"name": "torch", "skip_reason": "Dependency not found on PyPI"},
        ],
        "fixes": [],
    }
    result = _audit(tmp_path, skipped, exit_code=0)
    assert result.returncode == 0, result
    assert (
        "requirements/test.txt: the vulnerability service answered for none of its 2 packages"
        " (unreachable from this machine); not audited"
    ) in result.stdout

    result = _audit(tmp_path, "none", exit_code=1)  # a connection error: no report at all
    assert result.returncode == 0, result
    assert "requirements/app.txt: pip-audit gave no report (service unreachable?)" in (
        result.stdout
    )

    clean = {"dependencies": [{"name": "gradio", "version": "6.31.0", "vulns": []}]}
    result = _audit(tmp_path, clean, exit_code=0)
    assert result.returncode == 0, result
    assert "1 of 1 packages audited, 0 known vulnerabilities" in result.stdout

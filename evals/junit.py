"""JUnit XML for CI systems: ``python -m evals run ... --junit FILE``.

One ``<testsuite>`` per suite file and one ``<testcase>`` per case
(``classname`` = ``<suite file>/<category>``, ``name`` = the case id), so a CI
system lists each failed case with its failures as the message; a case whose
service call raised is an ``<error>``. When gates were given, a last
``<testsuite name="gates">`` holds one test case per gate. The layout follows
the Apache Ant JUnit schema that Jenkins, GitLab and most CI systems read
(``testsuites`` without attributes; every ``testsuite`` with ``package``,
``id``, ``timestamp`` without a time zone, ``hostname``, ``properties``,
``system-out`` and ``system-err``).
"""

from __future__ import annotations

import re
import socket
import xml.etree.ElementTree as ET
from collections.abc import Mapping, Sequence
from datetime import datetime
from pathlib import Path
from typing import Any

PACKAGE = "evals"
MAX_MESSAGE_CHARS = 1000
_XML_ILLEGAL = re.compile("[^\t\n\r\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")


def clean(text: object) -> str:
    """Text that XML 1.0 can hold (control characters and lone surrogates dropped)."""
    return _XML_ILLEGAL.sub("", str(text))


def token(text: object) -> str:
    """An ``xs:token``: no line breaks or tabs, single spaces, none at either end."""
    return " ".join(clean(text).split()) or "-"


def _timestamp(generated_at: str | None) -> str:
    try:
        moment = datetime.fromisoformat(generated_at) if generated_at else datetime.now()
    except ValueError:
        moment = datetime.now()
    return moment.strftime("%Y-%m-%dT%H:%M:%S")


def _hostname() -> str:
    try:
        return token(socket.gethostname()) or "localhost"
    except OSError:
        return "localhost"


def _seconds(record: Mapping[str, Any]) -> str:
    return f"{sum(record.get('turn_latencies_ms') or ()) / 1000:.3f}"


def _details(record: Mapping[str, Any]) -> str:
    lines = [
        f"case {record['id']} ({record.get('location', '')})",
        f"expected {' or '.join(record.get('expected_route') or [])}, got {record['route']}",
        *(f"- {f}" for f in record.get("failures") or ()),
    ]
    if record.get("answer") is not None:
        lines += ["", "reply:", record["answer"]]
    return clean("\n".join(lines))


def _message(failures: Sequence[str]) -> str:
    text = clean("; ".join(failures))
    return text if len(text) <= MAX_MESSAGE_CHARS else text[: MAX_MESSAGE_CHARS - 1] + "…"


def _suite_element(
    root: ET.Element, name: str, number: int, stamp: str, host: str
) -> tuple[ET.Element, ET.Element]:
    suite = ET.SubElement(root, "testsuite")
    suite.set("name", token(name))
    suite.set("package", PACKAGE)
    suite.set("id", str(number))
    suite.set("timestamp", stamp)
    suite.set("hostname", host)
    properties = ET.SubElement(suite, "properties")
    return suite, properties


def _close_suite(suite: ET.Element, tests: int, failures: int, errors: int, time: float) -> None:
    suite.set("tests", str(tests))
    suite.set("failures", str(failures))
    suite.set("errors", str(errors))
    suite.set("skipped", "0")
    suite.set("time", f"{time:.3f}")
    ET.SubElement(suite, "system-out").text = ""
    ET.SubElement(suite, "system-err").text = ""


def _property(properties: ET.Element, name: str, value: object) -> None:
    if value is None:
        return
    ET.SubElement(properties, "property", {"name": token(name), "value": clean(value)})


def build_junit(report: Mapping[str, Any]) -> ET.ElementTree:
    """The report's cases (and gates) as a JUnit ``<testsuites>`` document."""
    root = ET.Element("testsuites")
    stamp = _timestamp(report.get("generated_at"))
    host = _hostname()
    config = report.get("config") or {}
    by_suite: dict[str, list[Mapping[str, Any]]] = {}
    for record in report["cases"]:
        by_suite.setdefault(record.get("suite") or "suite", []).append(record)
    number = 0
    for suite_name, records in by_suite.items():
        suite, properties = _suite_element(root, suite_name, number, stamp, host)
        number += 1
        for key in ("mode", "code_version", "backend", "corpus_fingerprint", "target"):
            _property(properties, key, config.get(key))
        _property(properties, "repeat", (report.get("run") or {}).get("repeat"))
        failures = errors = 0
        for record in records:
            case = ET.SubElement(suite, "testcase")
            case.set("classname", token(f"{suite_name}/{record.get('category', '')}"))
            case.set("name", token(record["id"]))
            case.set("time", _seconds(record))
            record_failures = list(record.get("failures") or ())
            if record.get("error") is not None:
                errors += 1
                element = ET.SubElement(case, "error")
                element.set("type", clean(record["error"]))
                element.set("message", _message(record_failures))
                element.text = _details(record)
            elif not record["passed"]:
                failures += 1
                element = ET.SubElement(case, "failure")
                kinds = record.get("failure_kinds") or ["failed"]
                element.set("type", clean(", ".join(kinds)))
                element.set("message", _message(record_failures or ["failed"]))
                element.text = _details(record)
        total = sum(sum(r.get("turn_latencies_ms") or ()) for r in records) / 1000
        _close_suite(suite, len(records), failures, errors, total)
    gates = report.get("gates") or []
    if gates:
        suite, properties = _suite_element(root, "gates", number, stamp, host)
        missed = 0
        for gate in gates:
            case = ET.SubElement(suite, "testcase")
            case.set("classname", "gates")
            case.set("name", token(f"{gate['metric']} {gate['op']} {gate['limit']:g}"))
            case.set("time", "0")
            if not gate["passed"]:
                missed += 1
                element = ET.SubElement(case, "failure")
                element.set("type", "gate")
                element.set("message", clean(gate["problem"]))
                element.text = clean(gate["problem"])
        _close_suite(suite, len(gates), missed, 0, 0.0)
    ET.indent(root)
    return ET.ElementTree(root)


def write_junit(report: Mapping[str, Any], path: Path) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    build_junit(report).write(path, encoding="utf-8", xml_declaration=True)
    return path

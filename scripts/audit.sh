#!/usr/bin/env bash
# Audit the hashed locks (requirements/*.txt) for known vulnerabilities with pip-audit,
# whose default service is PyPI's vulnerability data (its JSON API). CI runs it
# (scripts/test.sh).
#
# A vulnerability found fails the run: the app faces the public with health
# conversations, so a locked release with a published vulnerability is bumped
# (scripts/lock.sh --upgrade-package NAME) or, when it cannot matter here, listed in
# requirements/audit-ignore.txt with the reason. A service that cannot be reached (or
# answers for none of the packages, as on the project's machines, whose network reaches
# the package index but not PyPI's JSON API) prints one line saying nothing was audited
# and does not fail the run: no network is no evidence either way.
set -euo pipefail
cd "$(dirname "$0")/.."
PIP_AUDIT="${PIP_AUDIT:-.venv/bin/pip-audit}"
ignore=()
while read -r id _; do
  [[ -n "$id" && "$id" != \#* ]] && ignore+=(--ignore-vuln "$id")
done < requirements/audit-ignore.txt
status=0
for lock in requirements/app.txt requirements/test.txt; do
  report="$(mktemp)"
  # pip-audit exits 1 both for vulnerabilities and for a service error; the report says which.
  "$PIP_AUDIT" --disable-pip --progress-spinner off --format json --output "$report" \
    --requirement "$lock" "${ignore[@]}" >/dev/null 2>&1 || true
  .venv/bin/python - "$lock" "$report" <<'PY' || status=1
import json
import sys

lock, path = sys.argv[1:]
try:
    with open(path) as handle:
        dependencies = json.load(handle)["dependencies"]
except (OSError, ValueError, KeyError):
    print(f"audit: {lock}: pip-audit gave no report (service unreachable?); not audited")
    sys.exit(0)
audited = [d for d in dependencies if "skip_reason" not in d]
if not audited:
    print(
        f"audit: {lock}: the vulnerability service answered for none of its"
        f" {len(dependencies)} packages (unreachable from this machine); not audited"
    )
    sys.exit(0)
found = [(d, v) for d in audited for v in d.get("vulns", [])]
for dependency, vuln in found:
    fixed = ", ".join(vuln.get("fix_versions") or []) or "no fixed release yet"
    print(f"audit: {lock}: {dependency['name']} {dependency['version']}: {vuln['id']} ({fixed})")
print(
    f"audit: {lock}: {len(audited)} of {len(dependencies)} packages audited,"
    f" {len(found)} known vulnerabilities"
)
sys.exit(1 if found else 0)
PY
  rm -f "$report"
done
exit "$status"

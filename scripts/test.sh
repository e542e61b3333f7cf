#!/usr/bin/env bash
# Builds with warnings as errors, runs every test project against real servers it starts itself, and ends with
# one line: "N passed, N failed".
set -euo pipefail
cd "$(dirname "$0")/.."
NEWSROOM_TESTING=1 scripts/prerequisites.sh

if ! dotnet build Newsroom.sln -c Release -warnaserror -nologo -v quiet; then
  echo "The build failed (see above), so no test ran."
  echo "0 passed, 0 failed"
  exit 1
fi

mkdir -p TestResults
log=TestResults/test-output.log
set +e
# One test project at a time: each starts its own PostgreSQL (and the browser tests a Chromium), and on a small
# machine they would otherwise starve each other into timeouts.
dotnet test Newsroom.sln -c Release --no-build --nologo -m:1 2>&1 | tee "$log"
status=${PIPESTATUS[0]}
set -e

# dotnet test prints one summary per test assembly: "Passed!  - Failed: 0, Passed: 31, Skipped: 0, ...".
read -r passed failed < <(sed -nE 's/.*(Passed|Failed)! +- Failed: +([0-9]+), Passed: +([0-9]+).*/\3 \2/p' "$log" \
  | awk '{p += $1; f += $2} END {print p + 0, f + 0}')
if [ "$status" -ne 0 ] && [ "$failed" -eq 0 ]; then
  echo "dotnet test exited with $status without a failing test: a test host crashed or a project did not run." >&2
fi
echo "$passed passed, $failed failed"
exit "$status"

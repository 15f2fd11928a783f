#!/usr/bin/env bash
# Runs every test in the solution. On a fresh machine it first installs what the tests need
# and the .NET SDK does not bring: redis-server (the functional tests start real ones).
set -euo pipefail
cd "$(dirname "$0")"

if ! command -v redis-server >/dev/null 2>&1; then
  if command -v apt-get >/dev/null 2>&1; then
    echo "test.sh: installing redis-server with apt-get"
    sudo=""
    if [ "$(id -u)" -ne 0 ]; then sudo="sudo"; fi
    $sudo apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq redis-server >/dev/null
  else
    echo "test.sh: redis-server is missing; install it (Debian/Ubuntu: apt-get install redis-server, macOS: brew install redis) and run again" >&2
    exit 1
  fi
fi

# The load harness's quick run (tests/Dispatcher.LoadTest.Tests) measures the HTTP ceiling with wrk;
# without it that one figure is skipped, so a machine without apt-get still runs every test.
if ! command -v wrk >/dev/null 2>&1 && command -v apt-get >/dev/null 2>&1; then
  echo "test.sh: installing wrk with apt-get"
  sudo=""
  if [ "$(id -u)" -ne 0 ]; then sudo="sudo"; fi
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq wrk >/dev/null
fi

log=$(mktemp)
trap 'rm -f "$log"' EXIT
set +e
dotnet test Dispatcher.sln -c Release 2>&1 | tee "$log"
status=${PIPESTATUS[0]}
set -e

# One closing line for the whole solution, summed over the test assemblies.
passed=$(grep -oE 'Passed: +[0-9]+' "$log" | awk '{s+=$2} END {print s+0}')
failed=$(grep -oE 'Failed: +[0-9]+' "$log" | awk '{s+=$2} END {print s+0}')
skipped=$(grep -oE 'Skipped: +[0-9]+' "$log" | awk '{s+=$2} END {print s+0}')
echo "tests: $passed passed, $failed failed, $skipped skipped"
exit "$status"

#!/usr/bin/env bash
# Runs every test in the solution. On a fresh machine it first installs what the tests need
# and the .NET SDK does not bring.
set -euo pipefail
cd "$(dirname "$0")"

# What the tests need beyond the .NET SDK: redis-server (real Redis for the functional tests), node
# and python3 (receivers written exactly as the seed documents show them), chromium (the dashboard's
# browser tests; Playwright drives it, no browser is downloaded), a font for the load harness's chart,
# and wrk (the load harness's HTTP ceiling; without it that one figure is skipped, so it is not required).
missing=()
command -v redis-server >/dev/null 2>&1 || missing+=(redis-server)
# DISPATCHER_CHROMIUM names a Chromium of your own; without it the tests use /usr/bin/chromium.
if [ -z "${DISPATCHER_CHROMIUM:-}" ] && ! command -v chromium >/dev/null 2>&1; then missing+=(chromium); fi
command -v node >/dev/null 2>&1 || missing+=(nodejs)
command -v python3 >/dev/null 2>&1 || missing+=(python3)
# The load harness draws its chart with ScottPlot, whose SkiaSharp build reads fonts from
# /usr/share/fonts and, finding none, leaves every title, axis and legend out without an error.
if [ "$(uname)" = Linux ] && [ -z "$(find /usr/share/fonts -type f \( -name '*.ttf' -o -name '*.otf' \) -print -quit 2>/dev/null)" ]; then
  missing+=(fonts-dejavu-core)
fi
optional=()
command -v wrk >/dev/null 2>&1 || optional+=(wrk)
if [ $((${#missing[@]} + ${#optional[@]})) -gt 0 ] && command -v apt-get >/dev/null 2>&1; then
  echo "test.sh: installing ${missing[*]} ${optional[*]} with apt-get"
  sudo=""
  if [ "$(id -u)" -ne 0 ]; then sudo="sudo"; fi
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq "${missing[@]}" "${optional[@]}" >/dev/null
elif [ ${#missing[@]} -gt 0 ]; then
  echo "test.sh: missing ${missing[*]}; install them (Debian/Ubuntu: apt-get install ${missing[*]}, macOS: brew install redis node python chromium) and run again" >&2
  exit 1
fi
# A chromium found elsewhere on the PATH (not Debian's /usr/bin/chromium) is handed to the browser tests.
if [ -z "${DISPATCHER_CHROMIUM:-}" ] && command -v chromium >/dev/null 2>&1 && [ "$(command -v chromium)" != /usr/bin/chromium ]; then
  DISPATCHER_CHROMIUM="$(command -v chromium)"
  export DISPATCHER_CHROMIUM
fi

log=$(mktemp)
trap 'rm -f "$log"' EXIT
set +e
# Build in parallel, then run the test assemblies one after another (-m:1): the load harness's quick
# run takes both cores for a while, and the functional tests measure real arrival rates.
{ dotnet build Dispatcher.sln -c Release && dotnet test Dispatcher.sln -c Release --no-build -m:1; } 2>&1 | tee "$log"
status=${PIPESTATUS[0]}
set -e

# One closing line for the whole solution, summed over the test assemblies.
passed=$(grep -oE 'Passed: +[0-9]+' "$log" | awk '{s+=$2} END {print s+0}')
failed=$(grep -oE 'Failed: +[0-9]+' "$log" | awk '{s+=$2} END {print s+0}')
skipped=$(grep -oE 'Skipped: +[0-9]+' "$log" | awk '{s+=$2} END {print s+0}')
# A test host that crashed reports the tests it finished as passed: count each aborted run as a failure.
aborted=$(grep -c 'Test Run Aborted' "$log" || true)
failed=$((failed + aborted))
# The failed tests by name, last, where a reader of only the output's tail still sees them (a failing
# test's server output can run to thousands of lines above).
grep -E '^ +Failed [A-Za-z_]' "$log" | sed -E 's/^ +Failed /failed: /' || true
echo "tests: $passed passed, $failed failed, $skipped skipped"
exit "$status"

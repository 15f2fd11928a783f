#!/usr/bin/env bash
# Scenario 1, A/B: runs the load harness's scenario 1 (--scenario1: warm-up + scenario 1, nothing
# else) alternately on a baseline server build and the current one, N rounds, and writes the table
# to bench/results/ab.md. The issue's floor: current delivers ≥ 2.5× baseline, same command, same
# machine, run alternately (so drift on a shared machine falls on both sides alike).
#
#   bench/ab.sh --baseline /path/to/baseline-checkout [-n 3] [--current DIR] [--out FILE] [-- HARNESS ARGS]
#   bench/ab.sh --baseline ../baseline -n 2 -- --scale 0.1
#
# --baseline / --current take a checkout (its src/Dispatcher.Server is built Release here) or a
# folder holding a built Dispatcher.Server.dll. Without --current, the server built beside the
# harness (this checkout) runs. Harness args after -- go to every run (e.g. --scale 0.1, --quick,
# --fsync always). Each run's scenario1.json and logs stay in the folder printed at the end.
set -euo pipefail

root="$(cd "$(dirname "$0")/.." && pwd)"
rounds=3 baseline="" current="" out="$root/bench/results/ab.md"
harness_args=()
while [[ $# -gt 0 ]]; do
  case "$1" in
    -n) rounds="$2"; shift 2 ;;
    --baseline) baseline="$2"; shift 2 ;;
    --current) current="$2"; shift 2 ;;
    --out) out="$2"; shift 2 ;;
    --) shift; harness_args=("$@"); break ;;
    *) echo "ab.sh: unknown argument $1 (see the header of $0)" >&2; exit 2 ;;
  esac
done
[[ -n "$baseline" ]] || { echo "ab.sh: --baseline DIR is required (a checkout or a built server folder)" >&2; exit 2; }

# A checkout is built Release and its server's output folder used; a build folder is used as is.
server_dir() {
  local dir; dir="$(cd "$1" && pwd)"
  if [[ -f "$dir/Dispatcher.Server.dll" ]]; then
    echo "$dir"
  elif [[ -d "$dir/src/Dispatcher.Server" ]]; then
    dotnet build -c Release "$dir/src/Dispatcher.Server" -nologo -v q -clp:ErrorsOnly >&2
    echo "$dir/src/Dispatcher.Server/bin/Release/net10.0"
  else
    echo "ab.sh: $1 is neither a checkout nor a folder with Dispatcher.Server.dll" >&2; exit 2
  fi
}

base_dir="$(server_dir "$baseline")"
current_args=()
[[ -n "$current" ]] && current_args=(--server-build "$(server_dir "$current")")
dotnet build -c Release "$root/bench/Dispatcher.LoadTest" -nologo -v q -clp:ErrorsOnly >&2
harness="$root/bench/Dispatcher.LoadTest/bin/Release/net10.0/Dispatcher.LoadTest.dll"

runs="$(mktemp -d /tmp/dispatcher-ab-XXXXXX)"
run=0
for ((i = 1; i <= rounds; i++)); do
  for side in baseline current; do
    run=$((run + 1))
    n=$(printf '%02d' "$run")
    if [[ "$side" == baseline ]]; then args=(--server-build "$base_dir"); else args=("${current_args[@]}"); fi
    echo "ab.sh: round $i, $side" >&2
    # A failed run leaves no scenario1.json; the table is written from the runs that finished.
    dotnet "$harness" --scenario1 --no-peers "${args[@]}" "${harness_args[@]}" --out "$runs/$n-$side" \
      > "$runs/$n-$side.log" 2>&1 || echo "ab.sh: run $n ($side) failed; see $runs/$n-$side.log" >&2
  done
done
command="bench/ab.sh --baseline $baseline -n $rounds${current:+ --current $current}${harness_args[*]:+ -- ${harness_args[*]}}"
dotnet "$harness" ab-report "$runs" --out "$out" --command "$command"
echo "ab.sh: runs and logs in $runs" >&2

#!/usr/bin/env bash
# Issue 13's host resident set: starts the Release host on the national catalogue, plays the five question sets
# (dev, independent, A, B, C: 444 questions) through `searcheval.py --url`, then reads VmRSS from /proc/<pid>/status.
# Each run starts twice: on a fresh data directory (the index is built at start) and again on that directory (the index
# is reused). Only the aggregate lines of searcheval are kept (the held-out sets' per-question output is never printed).
#   dotnet build -c Release src/CitizenBot
#   tests/CitizenBot.Benchmarks/host-rss.sh            # three runs
# Settings: BIN (the build; default src/CitizenBot/bin/Release/net10.0 of this checkout), PORT (5210), RUNS (3),
# CATALOGUE (../shared/data/national-catalogue.jsonl), SMAPS=1 also prints the resident set by kind of mapping.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
repo="$(cd "$here/../.." && pwd)"
bin="${BIN:-$repo/src/CitizenBot/bin/Release/net10.0}"
port="${PORT:-5210}" runs="${RUNS:-3}"
catalogue="$(realpath "${CATALOGUE:-$repo/../shared/data/national-catalogue.jsonl}")"
shared="$(dirname "$(dirname "$catalogue")")"
[[ -f "$bin/citizenbot.dll" ]] || { echo "build first: dotnet build -c Release src/CitizenBot" >&2; exit 2; }
sets=("$shared/eval/dev-questions.tsv" "$repo/tests/eval/independent-questions.tsv" "$repo/tests/eval/tuning-questions-a.tsv"
      "$repo/tests/eval/holdout-questions-b.tsv" "$repo/tests/eval/holdout-questions-c.tsv")
work="$(mktemp -d -t citizenbot-rss-XXXXXX)"
pid=
cleanup() { [[ -n "$pid" ]] && { kill "$pid" 2>/dev/null || true; wait "$pid" 2>/dev/null || true; }; rm -rf "$work"; }
trap cleanup EXIT

smaps() { # resident kB by kind of mapping: anonymous, the runtime's double-mapped code (memfd:doublemapper), files
  awk '/^[0-9a-f]+-[0-9a-f]+ /{name = (NF >= 6) ? $6 : "[anon]"; if (name ~ /doublemapper/) name = "[doublemapper]";
       else if (name ~ /^\//) { n = split(name, p, "/"); name = p[n] } }
       /^Rss:/{rss[name] += $2} END{for (k in rss) if (rss[k] >= 1024) printf "  %-40s %7.1f MB\n", k, rss[k]/1024}' \
    "/proc/$1/smaps" | sort -k2 -n -r
}

one() { # $1: data directory, $2: label
  dotnet "$bin/citizenbot.dll" serve --urls "http://127.0.0.1:$port" --catalogue "$catalogue" "--Storage:DataDirectory=$1" \
    >"$work/host.log" 2>&1 &
  pid=$!
  for _ in $(seq 300); do
    curl -sf "http://127.0.0.1:$port/health/ready" >/dev/null && break
    kill -0 "$pid" 2>/dev/null || { echo "host exited:"; tail -20 "$work/host.log"; exit 1; }
    sleep 0.5
  done
  local ready; ready=$(awk '/^VmRSS/{print $2}' "/proc/$pid/status")
  for s in "${sets[@]}"; do python3 "$shared/tools/searcheval.py" "$s" --url "http://127.0.0.1:$port" >/dev/null; done
  local rss hwm; rss=$(awk '/^VmRSS/{print $2}' "/proc/$pid/status"); hwm=$(awk '/^VmHWM/{print $2}' "/proc/$pid/status")
  printf '%-12s ready %6.1f MB  after 444 questions %6.1f MB  (peak %6.1f MB)  load %s\n' "$2" \
    "$(echo "$ready/1024" | bc -l)" "$(echo "$rss/1024" | bc -l)" "$(echo "$hwm/1024" | bc -l)" "$(cut -d' ' -f1-3 /proc/loadavg)"
  [[ -n "${SMAPS:-}" ]] && smaps "$pid"
  kill "$pid"; wait "$pid" 2>/dev/null || true; pid=
}

echo "bin: $bin"
for ((r = 1; r <= runs; r++)); do
  rm -rf "$work/data"; mkdir -p "$work/data"
  one "$work/data" "run $r built"
  one "$work/data" "run $r reused"
done

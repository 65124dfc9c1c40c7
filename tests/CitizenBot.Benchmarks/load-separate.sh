#!/usr/bin/env bash
# The load benchmark with the load generator in its own process: starts REPLICAS host processes (1: SQLite in a temp
# folder; 2 or more: one PostgreSQL it starts itself on PG_PORT, every host on it), waits for /health/ready, drives them
# with `load --url` (each request to the next host in turn, as a round-robin proxy without stickiness would) and prints
# each host's CPU per turn (from /proc, warm-up included). Build first:
#   dotnet build -c Release tests/CitizenBot.Benchmarks
# then e.g.  tests/CitizenBot.Benchmarks/load-separate.sh --conversations 200 --turns 30 --transport websocket --rate 500
# Settings: BIN (the build to run; default bin/Release/net10.0 beside this script), REPLICAS (1), PORT (5500; host i listens on PORT+i), PG_PORT (5590), PG_BIN (folder of initdb/pg_ctl; default Debian's newest /usr/lib/postgresql/N/bin),
# GEN0SIZE (0x4000000): the hosts' gen0 GC budget in bytes, passed as DOTNET_GCgen0size (what README "Deployment" asks
# of an operator: this VM reports no CPU cache, so the runtime's default budget is about 3 MiB, a gen0 collection every
# few turns); GEN0SIZE= (empty) runs with the runtime's default.
# The generator prints turns/s over the whole run (the conversations are started before it; the ramp and the last replies
# included: 15 turns at 500/s read 499-500 from a host that keeps up, 493 before the starts were taken out of it) and
# over its steady window (every conversation asking; LoadBenchmark.Run.Steady):
# quote the steady window's. --timeline FILE writes each turn's due, sent and answered times.
# TRACE=file.nettrace: CPU samples of host 0 during the run (dotnet-trace; then `dotnet-trace report file topN --inclusive`).
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
bin="${BIN:-$here/bin/Release/net10.0}"
replicas="${REPLICAS:-1}" port="${PORT:-5500}" pg_port="${PG_PORT:-5590}" gen0size="${GEN0SIZE-0x4000000}"
[[ -f "$bin/citizenbot.dll" ]] || { echo "build first: dotnet build -c Release tests/CitizenBot.Benchmarks" >&2; exit 2; }
work="$(mktemp -d -t citizenbot-load-XXXXXX)"
pids=()
cleanup() {
  for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
  for pid in "${pids[@]}"; do wait "$pid" 2>/dev/null || true; done
  [[ -d "$work/pg" ]] && $pg_ctl -D "$work/pg" -m immediate stop >/dev/null 2>&1 || true
  rm -rf "$work"
}
trap cleanup EXIT

storage=()
if (( replicas > 1 )); then
  pg_bin="${PG_BIN:-$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -1)}"
  as_owner=(); [[ $(id -u) == 0 ]] && { chown postgres "$work"; as_owner=(runuser -u postgres --); } # initdb refuses root
  pg_ctl="${as_owner[*]} $pg_bin/pg_ctl"
  "${as_owner[@]}" "$pg_bin/initdb" -D "$work/pg" -U postgres -A trust >/dev/null
  $pg_ctl -D "$work/pg" -o "-p $pg_port -k $work -c listen_addresses=127.0.0.1 -c max_connections=300" -l "$work/pg.log" -w start >/dev/null
  # What replicas must share: the database, the token signing key, the demand log's salt.
  storage=("--Storage:PostgresConnectionString=Host=127.0.0.1;Port=$pg_port;Username=postgres;Database=postgres;Maximum Pool Size=100"
           "--DirectLine:TokenSigningKey=load-benchmark-signing-key-of-at-least-32-bytes" "--DemandLog:HashSalt=load-benchmark-salt-0123456789")
fi

read -r -a host_args <<<"$(dotnet "$bin/CitizenBot.Benchmarks.dll" load --print-host-args)"
urls=()
for ((i = 0; i < replicas; i++)); do
  url="http://127.0.0.1:$((port + i))"
  mkdir -p "$work/host$i"
  ${gen0size:+env DOTNET_GCgen0size=$gen0size} dotnet "$bin/citizenbot.dll" serve --urls "$url" "--Storage:DataDirectory=$work/host$i" "${storage[@]}" "${host_args[@]}" \
    >"$work/host$i.log" 2>&1 &
  pids+=($!)
  urls+=(--url "$url")
done
for ((i = 0; i < replicas; i++)); do
  for _ in $(seq 120); do
    curl -sf "http://127.0.0.1:$((port + i))/health/ready" >/dev/null && break
    kill -0 "${pids[$i]}" 2>/dev/null || { echo "host $i exited:"; tail -20 "$work/host$i.log"; exit 1; }
    sleep 1
  done
done
ticks() { awk '{print $14 + $15}' "/proc/$1/stat"; }
before=(); for pid in "${pids[@]}"; do before+=("$(ticks "$pid")"); done
echo "hosts: $replicas ($( ((replicas > 1)) && echo "PostgreSQL on 127.0.0.1:$pg_port" || echo SQLite)), DOTNET_GCgen0size=${gen0size:-default}, load average before: $(cut -d' ' -f1-3 /proc/loadavg)"
if [[ -n "${TRACE:-}" ]]; then
  dotnet-trace collect -p "${pids[0]}" --profile dotnet-sampled-thread-time -o "$TRACE" >"$work/trace.log" 2>&1 &
  tracer=$!
fi
status=0
dotnet "$bin/CitizenBot.Benchmarks.dll" load "${urls[@]}" "$@" | tee "$work/generator.out" || status=$?
if [[ -n "${TRACE:-}" ]]; then kill -INT "$tracer"; wait "$tracer" || true; fi
turns=$(awk '/warm-up/{w=$4} /^turns completed/{r=$3} END{print w + r}' "$work/generator.out")
hz=$(getconf CLK_TCK)
for ((i = 0; i < replicas; i++)); do
  used=$(( $(ticks "${pids[$i]}") - before[i] ))
  echo "host $i CPU: $(awk -v t="$used" -v hz="$hz" -v n="$turns" 'BEGIN{printf "%.1f s, %.2f ms per turn of all hosts (%d turns, warm-up included)", t/hz, n ? 1000*t/hz/n : 0, n}')"
done
exit $status

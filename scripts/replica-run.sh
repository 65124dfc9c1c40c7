#!/usr/bin/env bash
# Issue 14's measured run: 2 replicas + PostgreSQL + haproxy (round-robin, no stickiness), driven the way Web Chat
# drives Direct Line (half WebSocket, half polling), N conversations x T turns, first with both replicas alive, then
# with one killed (SIGKILL) halfway. Prints the figures of each run. Needs Debian's postgresql and haproxy.
#   scripts/replica-run.sh [conversations=200] [turns=10]
set -euo pipefail
cd "$(dirname "$0")/.."
conversations=${1:-200}
turns=${2:-10}
dotnet build tests/CitizenBot.Tests -c Release -v q
for kill in 0 1; do
  echo "== ${conversations} x ${turns}, kill one replica: $([ $kill = 1 ] && echo yes || echo no)"
  CITIZENBOT_REPLICA_CONVERSATIONS=$conversations CITIZENBOT_REPLICA_TURNS=$turns CITIZENBOT_REPLICA_KILL=$kill \
    dotnet test tests/CitizenBot.Tests -c Release --no-build \
      --filter "FullyQualifiedName~DirectLineReplicaTests" --logger "console;verbosity=detailed" 2>&1 |
    grep -E -A6 "conversations x|acknowledged .*answered|SKIPPED|Passed |Failed |Error Message" || true
done

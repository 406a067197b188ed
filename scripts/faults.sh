#!/usr/bin/env bash
# The fault scenarios of docs/reliability.md: Tocsin as separate processes on loopback (one Kafka broker, one
# PostgreSQL, each service from its *-exec.jar, Twilio faked), put through kill -9, a broker outage, a database
# outage, a provider outage (with and without a second provider) and two instances of each service. Each scenario prints a ledger: events accepted,
# incidents created, pages due, pages sent, duplicates (and their bound), lost.
#
#   scripts/faults.sh                       all scenarios (kill kafka postgres provider carrier two), about 17-27 minutes
#   scripts/faults.sh kafka provider        some of them, in the order given
#   scripts/faults.sh --kills=20 kill       kill -9 rounds (20 by default: half routing, half notifier)
#
# Results: bench/results/faults-<timestamp>/ledgers.md and logs/ (each process's output). Exit status 1 when a
# ledger or a check does not hold.
set -euo pipefail
cd "$(dirname "$0")/.."

. scripts/lib/jars.sh
pick_java
build_if_stale faults standalone/target/tocsin-standalone.jar bench/target/tocsin-bench.jar \
  "$(ls ingest-service/target/*-exec.jar 2>/dev/null || echo missing)" \
  "$(ls routing-service/target/*-exec.jar 2>/dev/null || echo missing)" \
  "$(ls notifier-service/target/*-exec.jar 2>/dev/null || echo missing)"

exec "$java" -cp bench/target/tocsin-bench.jar io.tocsin.bench.faults.Faults --repo="$PWD" "$@"

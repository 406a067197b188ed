#!/usr/bin/env bash
# Benchmarks Tocsin side by side with its references; see docs/performance.md.
#   bench/run.sh            full run: 500 events/s for 60 s, 10k and 100k pending timers (run it on a quiet machine)
#   bench/run.sh --quick    50 events/s for 10 s, 1k pending timers, storms sized down: proves the harness works
#   --only=idle,storm,...   some scenarios: idle, ingest, e2e, timers, overload, storm, neighbour (default: all)
#   --mode=separate         ingest, routing, notifier, Kafka and PostgreSQL as separate processes (default: the
#                           standalone launcher)
# Results: bench/results/<timestamp>/report.md, report.json, latency.png (logs/ is not committed).
set -euo pipefail
cd "$(dirname "$0")/.."

. scripts/lib/jars.sh
pick_java
build_if_stale bench standalone/target/tocsin-standalone.jar bench/target/tocsin-bench.jar

exec "$java" -jar bench/target/tocsin-bench.jar --repo="$PWD" "$@"

#!/usr/bin/env bash
# The fault scenarios of docs/reliability.md: Tocsin as separate processes on loopback (one Kafka broker, one
# PostgreSQL, each service from its *-exec.jar, Twilio faked), put through kill -9, a broker outage, a database
# outage, a provider outage and two instances of each service. Each scenario prints a ledger: events accepted,
# incidents created, pages due, pages sent, duplicates (and their bound), lost.
#
#   scripts/faults.sh                       all scenarios (kill kafka postgres provider two), about 15-25 minutes
#   scripts/faults.sh kafka provider        some of them, in the order given
#   scripts/faults.sh --kills=20 kill       kill -9 rounds (20 by default: half routing, half notifier)
#
# Results: bench/results/faults-<timestamp>/ledgers.md and logs/ (each process's output). Exit status 1 when a
# ledger or a check does not hold.
set -euo pipefail
cd "$(dirname "$0")/.."

if [ -z "${JAVA_HOME:-}" ] && [ -x /usr/lib/jvm/temurin-25-jdk-amd64/bin/java ]; then
  export JAVA_HOME=/usr/lib/jvm/temurin-25-jdk-amd64
fi
java="${JAVA_HOME:+$JAVA_HOME/bin/}java"
if ! "$java" -version 2>&1 | grep -Eq 'version "(2[1-9]|[3-9][0-9])'; then
  echo "scripts/faults.sh needs a JDK 21 or newer: set JAVA_HOME to one" >&2
  exit 1
fi

# build only when a source or pom is newer than the jars
jars=(standalone/target/tocsin-standalone.jar bench/target/tocsin-bench.jar)
for module in ingest-service routing-service notifier-service; do
  jars+=("$(ls "$module"/target/*-exec.jar 2>/dev/null || echo "$module/target/missing-exec.jar")")
done
stale=
for jar in "${jars[@]}"; do
  if [ ! -f "$jar" ] || [ -n "$(find pom.xml ./*/pom.xml ./*/src/main -newer "$jar" -print -quit)" ]; then
    stale=yes
  fi
done
if [ -n "$stale" ]; then
  echo "[faults] building (./mvnw -B -q -DskipTests package)"
  ./mvnw -B -q -DskipTests package
fi

exec "$java" -cp bench/target/tocsin-bench.jar io.tocsin.bench.faults.Faults --repo="$PWD" "$@"

#!/usr/bin/env bash
# Benchmarks Tocsin side by side with its references; see docs/performance.md.
#   bench/run.sh            full run: 500 events/s for 60 s, 10k and 100k pending timers (run it on a quiet machine)
#   bench/run.sh --quick    50 events/s for 10 s, 1k pending timers: proves the harness works
# Results: bench/results/<timestamp>/report.md, report.json, latency.png (logs/ is not committed).
set -euo pipefail
cd "$(dirname "$0")/.."

if [ -z "${JAVA_HOME:-}" ] && [ -x /usr/lib/jvm/temurin-25-jdk-amd64/bin/java ]; then
  export JAVA_HOME=/usr/lib/jvm/temurin-25-jdk-amd64
fi
java="${JAVA_HOME:+$JAVA_HOME/bin/}java"
if ! "$java" -version 2>&1 | grep -Eq 'version "(2[1-9]|[3-9][0-9])'; then
  echo "bench/run.sh needs a JDK 21 or newer: set JAVA_HOME to one" >&2
  exit 1
fi

# build only when a source or pom is newer than the jars
jars=(standalone/target/tocsin-standalone.jar bench/target/tocsin-bench.jar)
stale=
for jar in "${jars[@]}"; do
  if [ ! -f "$jar" ] || [ -n "$(find pom.xml ./*/pom.xml ./*/src/main -newer "$jar" -print -quit)" ]; then
    stale=yes
  fi
done
if [ -n "$stale" ]; then
  echo "[bench] building (./mvnw -B -q -DskipTests package)"
  ./mvnw -B -q -DskipTests package
  # a jar whose module did not change is not rewritten; mark both as built now, or the next run builds again
  touch "${jars[@]}"
fi

exec "$java" -jar bench/target/tocsin-bench.jar --repo="$PWD" "$@"

#!/usr/bin/env bash
# Kill -9 rounds against the standalone launcher: each round posts one Events API v2 trigger, kills the JVM
# the moment ingest answers 202, starts Tocsin again on the same data, and polls the admin API until the event is
# an incident. Prints one line per round and a ledger: accepted, incidents, lost, and the seconds from restart to
# the incident. An event not an incident TIMEOUT seconds after the restart is counted lost.
#
#   scripts/kill-restart.sh [rounds]        (build first: ./mvnw -B -DskipTests package)
#
# Environment: TOCSIN_JAR (standalone/target/tocsin-standalone.jar), KILL_DATA_DIR (a fresh temporary directory),
# KILL_PORT_BASE (18180: ingest, +1 routing, +2 notifier, +3 Kafka, +4 PostgreSQL, +5..+7 their management ports),
# TIMEOUT (120).
set -euo pipefail

rounds=${1:-10}
jar=${TOCSIN_JAR:-standalone/target/tocsin-standalone.jar}
data=${KILL_DATA_DIR:-$(mktemp -d -t tocsin-kill-XXXXXX)}
base=${KILL_PORT_BASE:-18180}
timeout=${TIMEOUT:-120}
java=${JAVA_HOME:+$JAVA_HOME/bin/}java
key=0123456789abcdef0123456789abcdef
token=kill-restart-admin-token-5b0c1e7d9a2f
ingest=http://127.0.0.1:$base
routing=http://127.0.0.1:$((base + 1))
pid=

export TOCSIN_DATA_DIR=$data TOCSIN_INGEST_PORT=$base TOCSIN_ROUTING_PORT=$((base + 1))
export TOCSIN_NOTIFIER_PORT=$((base + 2)) TOCSIN_KAFKA_PORT=$((base + 3)) TOCSIN_DB_PORT=$((base + 4))
export TOCSIN_INGEST_MANAGEMENT_PORT=$((base + 5)) TOCSIN_ROUTING_MANAGEMENT_PORT=$((base + 6))
export TOCSIN_NOTIFIER_MANAGEMENT_PORT=$((base + 7))
export TOCSIN_DEMO_INTEGRATION_KEY=$key TOCSIN_ADMIN_TOKEN=$token

now() { date +%s.%N; }
elapsed() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.1f", b - a }'; }

start() {
  "$java" -jar "$jar" >> "$data/launcher.log" 2>&1 &
  pid=$!
}

# the admin API answers once routing is up; it lists the newest incidents first
incident_with() {
  curl -sf -H "Authorization: Bearer $token" "$routing/api/v1/incidents?limit=100" 2>/dev/null | grep -q "\"$1\""
}

routing_up() {
  curl -sf -o /dev/null -H "Authorization: Bearer $token" "$routing/api/v1/incidents?limit=1"
}

# posts until ingest answers 202 (it answers 503 while it is still loading the integrations)
accepted() {
  local body="{\"routing_key\":\"$key\",\"event_action\":\"trigger\",\"dedup_key\":\"$1\","
  body+="\"payload\":{\"summary\":\"kill -9 round $1\",\"source\":\"kill-restart\",\"severity\":\"critical\"}}"
  local deadline=$((SECONDS + timeout))
  while ((SECONDS < deadline)); do
    if [[ $(curl -s -o /dev/null -w '%{http_code}' -H 'Content-Type: application/json' -d "$body" \
        "$ingest/v2/enqueue" 2>/dev/null) == 202 ]]; then
      return 0
    fi
    sleep 0.2
  done
  return 1
}

trap '[[ -n $pid ]] && kill -9 $pid 2>/dev/null || true' EXIT INT TERM
mkdir -p "$data"
echo "data in $data, launcher output in $data/launcher.log"
accepted_count=0 incidents=0 lost=0 times=()
start
for ((round = 1; round <= rounds; round++)); do
  dedup=kill-$round-$RANDOM
  if ! accepted "$dedup"; then
    echo "round $round: ingest never answered 202; stopping" >&2
    break
  fi
  kill -9 "$pid"
  wait "$pid" 2>/dev/null || true
  accepted_count=$((accepted_count + 1))
  restarted=$(now)
  start
  seen= up=
  while [[ -z $seen ]] && (($(elapsed "$restarted" "$(now)" | cut -d. -f1) < timeout)); do
    if [[ -z $up ]] && routing_up; then
      up=$(now)
    fi
    if [[ -n $up ]] && incident_with "$dedup"; then
      seen=$(now)
    else
      sleep 0.25
    fi
  done
  if [[ -n $seen ]]; then
    incidents=$((incidents + 1))
    times+=("$(elapsed "$restarted" "$seen")")
    echo "round $round: $dedup accepted, incident $(elapsed "$restarted" "$seen") s after the restart" \
      "($(elapsed "$up" "$seen") s after the admin API answered)"
  else
    lost=$((lost + 1))
    echo "round $round: $dedup accepted, NOT an incident ${timeout} s after the restart"
  fi
done
kill "$pid" 2>/dev/null && wait "$pid" 2>/dev/null || true
pid=
echo "ledger: accepted=$accepted_count incidents=$incidents lost=$lost"
if ((${#times[@]} > 0)); then
  printf '%s\n' "${times[@]}" | sort -n | awk '{ t[NR] = $1 } END { printf "seconds from restart to incident: min %s, median %s, max %s\n", t[1], t[int((NR + 1) / 2)], t[NR] }'
fi
((lost == 0))

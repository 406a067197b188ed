#!/bin/bash
# Creates Tocsin's Kafka topics (or brings an existing topic's settings in line): run once per cluster before the
# services start, and again after an upgrade. The same script serves Compose (one broker) and Kubernetes (a cluster).
# Partitions bound how many routing and notifier instances share the work; they can be raised later, never lowered.
set -euo pipefail
brokers=${TOCSIN_KAFKA_BROKERS:?TOCSIN_KAFKA_BROKERS is required}
partitions=${TOCSIN_KAFKA_PARTITIONS:-12}
replication=${TOCSIN_KAFKA_REPLICATION:-3}
min_isr=${TOCSIN_KAFKA_MIN_INSYNC_REPLICAS:-2}
bin=${KAFKA_BIN:-/opt/kafka/bin}

topic() {
  local name=$1 settings=$2
  "$bin"/kafka-topics.sh --bootstrap-server "$brokers" --create --if-not-exists --topic "$name" \
    --partitions "$partitions" --replication-factor "$replication" \
    $(tr ',' '\n' <<<"$settings" | sed 's/^/--config /')
  # --if-not-exists keeps an existing topic as it was: converge its settings too
  "$bin"/kafka-configs.sh --bootstrap-server "$brokers" --alter --entity-type topics --entity-name "$name" \
    --add-config "$settings" >/dev/null
  echo "topic $name: $settings"
}

# transient: what happened is in routing's and the notifier's databases; seven days cover any outage
events="min.insync.replicas=$min_isr,retention.ms=604800000"
# compacted: the latest state per key is the topic's content (ingest and the notifier rebuild their views from it)
state="min.insync.replicas=$min_isr,cleanup.policy=compact"

topic tocsin.alerts.v1 "$events"
topic tocsin.commands.v1 "$events"
topic tocsin.notifications.v1 "$events"
topic tocsin.deliveries.v1 "$events"
topic tocsin.incidents.v1 "$events"
topic tocsin.contact-status.v1 "$events"
topic tocsin.integrations.v1 "$state"
topic tocsin.contact-methods.v1 "$state"
# dead letters of routing's batch consumers, which publish them themselves (the binder creates the others)
deadLetters="min.insync.replicas=$min_isr"
topic error.tocsin.commands.v1.routing "$deadLetters"
topic error.tocsin.deliveries.v1.routing "$deadLetters"

package io.tocsin.routing.service;

/** The kinds of monitors ingest accepts; each has its own endpoint and payload shape. */
public enum IntegrationType {
    EVENTS_V2, EVENTS_V1, ALERTMANAGER, GRAFANA, GENERIC, UPTIME_KUMA, UPTIMEROBOT, PINGDOM, CLOUDWATCH, HEARTBEAT
}

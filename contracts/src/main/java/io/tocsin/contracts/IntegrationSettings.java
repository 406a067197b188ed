package io.tocsin.contracts;

/**
 * The names of the integration settings, set on an integration in routing (which checks them) and read by ingest
 * from {@code IntegrationUpdated.settings}. Every one is optional; a blank value means the default.
 *
 * <table>
 * <caption>Settings by name</caption>
 * <tr><th>name</th><th>types</th><th>values</th><th>default</th></tr>
 * <tr><td>{@value #RATE_LIMIT_PER_MINUTE}</td><td>all</td><td>requests per minute sustained; 0 switches the
 *     limit off</td><td>{@code tocsin.ingest.rate-limit.per-minute} (1200)</td></tr>
 * <tr><td>{@value #RATE_LIMIT_BURST}</td><td>all</td><td>requests at once after a quiet spell</td>
 *     <td>{@code tocsin.ingest.rate-limit.burst} (300)</td></tr>
 * <tr><td>{@value #ALERTMANAGER_DEDUP}</td><td>ALERTMANAGER</td><td>{@code alert}: one incident per alert
 *     fingerprint; {@code group}: one incident per {@code groupKey}</td><td>{@code alert}</td></tr>
 * <tr><td>{@value #GRAFANA_DEDUP}</td><td>GRAFANA</td><td>as {@value #ALERTMANAGER_DEDUP}</td>
 *     <td>{@code alert}</td></tr>
 * <tr><td>{@value #CLOUDWATCH_TOPIC_ARNS}</td><td>CLOUDWATCH</td><td>comma-separated SNS topic ARNs; messages
 *     from other topics are refused</td><td>any topic</td></tr>
 * <tr><td>{@value #HEARTBEAT_INTERVAL}</td><td>HEARTBEAT</td><td>how often pings must come, an ISO-8601 duration
 *     such as {@code PT5M}; read by routing, which raises an incident when a ping is late</td><td>required</td></tr>
 * </table>
 */
public final class IntegrationSettings {

    public static final String RATE_LIMIT_PER_MINUTE = "rate-limit.per-minute";
    public static final String RATE_LIMIT_BURST = "rate-limit.burst";
    public static final String ALERTMANAGER_DEDUP = "alertmanager.dedup";
    public static final String GRAFANA_DEDUP = "grafana.dedup";
    public static final String CLOUDWATCH_TOPIC_ARNS = "cloudwatch.topic-arns";
    public static final String HEARTBEAT_INTERVAL = "heartbeat.interval";

    private IntegrationSettings() {
    }
}

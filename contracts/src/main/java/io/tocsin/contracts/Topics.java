package io.tocsin.contracts;

/** The Kafka topics through which the services talk; see DESIGN.md for who writes and reads each. */
public final class Topics {

    /** Normalized trigger / acknowledge / resolve events, keyed by serviceId/dedupKey. */
    public static final String ALERTS = "tocsin.alerts.v1";
    /** Responders' acknowledge / resolve / escalate commands, keyed by incidentId. */
    public static final String COMMANDS = "tocsin.commands.v1";
    /** One message to one contact method, keyed by incidentId. */
    public static final String NOTIFICATIONS = "tocsin.notifications.v1";
    /** What became of each notification, keyed by incidentId. */
    public static final String DELIVERIES = "tocsin.deliveries.v1";
    /** Incident state changes, keyed by incidentId. */
    public static final String INCIDENTS = "tocsin.incidents.v1";
    /** Compacted: the integrations ingest may accept, keyed by the integration key's hash. */
    public static final String INTEGRATIONS = "tocsin.integrations.v1";

    /** Compacted: every contact method routing knows, so the notifier can tell who replied; keyed by its id. */
    public static final String CONTACT_METHODS = "tocsin.contact-methods.v1";
    /** A contact address opted out of (STOP) or back into (START) messages, keyed by the address. */
    public static final String CONTACT_STATUS = "tocsin.contact-status.v1";

    private Topics() {
    }
}

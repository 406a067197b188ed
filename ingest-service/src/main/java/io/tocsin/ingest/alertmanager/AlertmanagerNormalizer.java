package io.tocsin.ingest.alertmanager;

import io.tocsin.contracts.IntegrationSettings;
import io.tocsin.contracts.IntegrationType;
import java.util.List;
import org.springframework.stereotype.Component;

/**
 * Prometheus Alertmanager's webhook ({@code version "4"}): each alert its own event deduplicated by fingerprint,
 * or one incident per {@code groupKey} with the integration setting {@value IntegrationSettings#ALERTMANAGER_DEDUP}{@code =group}.
 */
@Component
class AlertmanagerNormalizer extends AlertGroupNormalizer {

    AlertmanagerNormalizer() {
        super(IntegrationType.ALERTMANAGER, "alertmanager", IntegrationSettings.ALERTMANAGER_DEDUP,
                List.of("status", "startsAt", "endsAt", "generatorURL", "fingerprint"),
                List.of("receiver", "groupKey", "externalURL", "truncatedAlerts"));
    }
}

package io.tocsin.ingest.grafana;

import io.tocsin.contracts.IntegrationSettings;
import io.tocsin.contracts.IntegrationType;
import io.tocsin.ingest.alertmanager.AlertGroupNormalizer;
import java.util.List;
import org.springframework.stereotype.Component;

/**
 * Grafana alerting's webhook contact point: Alertmanager-shaped, plus {@code title}, {@code state},
 * {@code message} and per-alert {@code dashboardURL}, {@code panelURL}, {@code silenceURL}, {@code values},
 * which are kept in the details. Per-alert dedup by fingerprint, or per group with {@value IntegrationSettings#GRAFANA_DEDUP}{@code =group}.
 */
@Component
class GrafanaNormalizer extends AlertGroupNormalizer {

    GrafanaNormalizer() {
        super(IntegrationType.GRAFANA, "grafana", IntegrationSettings.GRAFANA_DEDUP,
                List.of("status", "startsAt", "endsAt", "generatorURL", "fingerprint", "dashboardURL", "panelURL",
                        "silenceURL", "imageURL", "values", "valueString"),
                List.of("receiver", "groupKey", "externalURL", "title", "state", "message", "orgId",
                        "truncatedAlerts"));
    }
}

package io.tocsin.routing.incident;

import io.tocsin.contracts.Urgency;
import io.tocsin.routing.TransactionScoped;
import io.tocsin.routing.policy.EscalationPolicies;
import io.tocsin.routing.policy.EscalationPolicy;
import io.tocsin.routing.policy.EscalationPolicy.TargetType;
import io.tocsin.routing.service.MaintenanceWindow;
import io.tocsin.routing.service.Service;
import io.tocsin.routing.service.Services;
import io.tocsin.routing.user.NotificationRule;
import io.tocsin.routing.user.User;
import io.tocsin.routing.user.Users;
import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.springframework.stereotype.Component;

/**
 * The configuration paging reads (a service, its maintenance windows, its escalation policy, the users it pages and
 * their notification rules), read once per transaction: a poll of alerts for the same few services reads each once,
 * and {@link #preload} reads what a whole poll needs in a few statements. A transaction sees the configuration as it
 * was when it first read it, as a single alert always did. Outside a transaction every read goes to the database.
 */
@Component
public class PagingReads {

    /** The service's windows not ended at {@code from}; they answer for any later instant. */
    private record Windows(Instant from, List<MaintenanceWindow> notEnded) {
    }

    private record RulesKey(UUID userId, Urgency urgency) {
    }

    private static final class Read {
        final Map<UUID, Optional<Service>> services = new HashMap<>();
        final Map<UUID, Windows> windows = new HashMap<>();
        final Map<UUID, Optional<EscalationPolicy>> policies = new HashMap<>();
        final Map<UUID, Optional<User>> users = new HashMap<>();
        final Map<RulesKey, List<NotificationRule>> rules = new HashMap<>();
    }

    private final Services services;
    private final EscalationPolicies policies;
    private final Users users;
    private final TransactionScoped<Read> read = TransactionScoped.of(Read::new);

    PagingReads(Services services, EscalationPolicies policies, Users users) {
        this.services = services;
        this.policies = policies;
        this.users = users;
    }

    public Optional<Service> service(UUID id) {
        return read.get().map(tx -> tx.services.computeIfAbsent(id, services::find))
                .orElseGet(() -> services.find(id));
    }

    /** The maintenance window in force for the service at {@code now}, if any. */
    public Optional<MaintenanceWindow> activeMaintenance(UUID serviceId, Instant now) {
        return read.get().map(tx -> {
            Windows windows = tx.windows.get(serviceId);
            if (windows == null || now.isBefore(windows.from())) {
                windows = new Windows(now, services.maintenanceWindows(serviceId, now));
                tx.windows.put(serviceId, windows);
            }
            return Services.activeAt(windows.notEnded(), now);
        }).orElseGet(() -> services.activeMaintenance(serviceId, now));
    }

    public Optional<EscalationPolicy> policy(UUID id) {
        return read.get().map(tx -> tx.policies.computeIfAbsent(id, policies::find))
                .orElseGet(() -> policies.find(id));
    }

    public Optional<User> user(UUID id) {
        return read.get().map(tx -> tx.users.computeIfAbsent(id, users::find)).orElseGet(() -> users.find(id));
    }

    /** The user's notification rules for this urgency, soonest first. */
    public List<NotificationRule> rules(UUID userId, Urgency urgency) {
        return read.get().map(tx -> tx.rules.computeIfAbsent(new RulesKey(userId, urgency),
                key -> users.rules(userId, urgency))).orElseGet(() -> users.rules(userId, urgency));
    }

    /** Reads for the rest of the transaction, in one statement, those of these services it did not read yet. */
    public void services(Collection<UUID> ids) {
        read.get().ifPresent(tx -> {
            List<UUID> newServices = ids.stream().filter(id -> !tx.services.containsKey(id)).distinct().toList();
            if (newServices.isEmpty()) {
                return;
            }
            Map<UUID, Service> found = services.findAll(newServices).stream()
                    .collect(Collectors.toMap(Service::id, Function.identity()));
            newServices.forEach(id -> tx.services.put(id, Optional.ofNullable(found.get(id))));
        });
    }

    /**
     * Reads for the rest of the transaction, in a few statements, what paging incidents of these services needs: the
     * services, their maintenance windows, their policies, the users the policies name and those users' rules for the
     * services' urgencies. Who is on call in a schedule is worked out when it is paged.
     */
    public void preload(Collection<UUID> serviceIds, Instant now) {
        read.get().ifPresent(tx -> {
            List<UUID> newServices = serviceIds.stream().filter(id -> !tx.windows.containsKey(id)).distinct()
                    .toList();
            if (newServices.isEmpty()) {
                return;
            }
            services(newServices);
            Map<UUID, Service> found = newServices.stream().map(tx.services::get).flatMap(Optional::stream)
                    .collect(Collectors.toMap(Service::id, Function.identity()));
            Map<UUID, List<MaintenanceWindow>> windows = services.maintenanceWindows(newServices, now).stream()
                    .collect(Collectors.groupingBy(MaintenanceWindow::serviceId));
            newServices.forEach(id -> tx.windows.put(id, new Windows(now, windows.getOrDefault(id, List.of()))));
            List<UUID> newPolicies = found.values().stream().map(Service::escalationPolicyId).filter(Objects::nonNull)
                    .filter(id -> !tx.policies.containsKey(id)).distinct().toList();
            Map<UUID, EscalationPolicy> policiesFound = policies.findAll(newPolicies).stream()
                    .collect(Collectors.toMap(EscalationPolicy::id, Function.identity()));
            newPolicies.forEach(id -> tx.policies.put(id, Optional.ofNullable(policiesFound.get(id))));
            List<UUID> newUsers = policiesFound.values().stream().flatMap(policy -> policy.levels().stream())
                    .flatMap(level -> level.targets().stream()).filter(target -> target.type() == TargetType.USER)
                    .map(target -> UUID.fromString(target.id())).filter(id -> !tx.users.containsKey(id)).distinct()
                    .toList();
            Map<UUID, User> usersFound = users.findAll(newUsers).stream()
                    .collect(Collectors.toMap(User::id, Function.identity()));
            newUsers.forEach(id -> tx.users.put(id, Optional.ofNullable(usersFound.get(id))));
            Set<Urgency> urgencies = found.values().stream().map(Service::urgency).collect(Collectors.toSet());
            for (Urgency urgency : urgencies) {
                List<UUID> withoutRules = usersFound.keySet().stream()
                        .filter(id -> !tx.rules.containsKey(new RulesKey(id, urgency))).toList();
                Map<UUID, List<NotificationRule>> rules = users.rules(withoutRules, urgency).stream()
                        .collect(Collectors.groupingBy(rule -> rule.contactMethod().userId()));
                withoutRules.forEach(id -> tx.rules.put(new RulesKey(id, urgency),
                        rules.getOrDefault(id, List.of())));
            }
        });
    }
}

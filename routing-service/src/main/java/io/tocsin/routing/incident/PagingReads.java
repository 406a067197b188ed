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

    /**
     * Reads for the rest of the transaction, in one statement, those of these services it did not read yet with their
     * maintenance windows not ended at {@code now}.
     */
    public void services(Collection<UUID> ids, Instant now) {
        read.get().ifPresent(tx -> {
            List<UUID> newServices = ids.stream()
                    .filter(id -> !tx.services.containsKey(id) || !tx.windows.containsKey(id)).distinct().toList();
            if (newServices.isEmpty()) {
                return;
            }
            Map<UUID, Services.WithWindows> found = services.findAllWithWindows(newServices, now).stream()
                    .collect(Collectors.toMap(service -> service.service().id(), Function.identity()));
            newServices.forEach(id -> {
                Services.WithWindows service = found.get(id);
                tx.services.put(id, Optional.ofNullable(service).map(Services.WithWindows::service));
                tx.windows.put(id, new Windows(now, service == null ? List.of() : service.windows()));
            });
        });
    }

    /**
     * Reads for the rest of the transaction, in a few statements, what paging incidents of these services needs: the
     * services with their maintenance windows, their policies, and the users the policies name with those users'
     * rules for the services' urgencies. Who is on call in a schedule is worked out when it is paged.
     */
    public void preload(Collection<UUID> serviceIds, Instant now) {
        read.get().ifPresent(tx -> {
            services(serviceIds, now);
            List<Service> found = serviceIds.stream().distinct().map(tx.services::get).flatMap(Optional::stream)
                    .toList();
            List<UUID> newPolicies = found.stream().map(Service::escalationPolicyId).filter(Objects::nonNull)
                    .filter(id -> !tx.policies.containsKey(id)).distinct().toList();
            Map<UUID, EscalationPolicy> policiesFound = policies.findAll(newPolicies).stream()
                    .collect(Collectors.toMap(EscalationPolicy::id, Function.identity()));
            newPolicies.forEach(id -> tx.policies.put(id, Optional.ofNullable(policiesFound.get(id))));
            Set<Urgency> urgencies = found.stream().map(Service::urgency).collect(Collectors.toSet());
            List<UUID> newUsers = policiesFound.values().stream().flatMap(policy -> policy.levels().stream())
                    .flatMap(level -> level.targets().stream()).filter(target -> target.type() == TargetType.USER)
                    .map(target -> UUID.fromString(target.id())).distinct()
                    .filter(id -> !tx.users.containsKey(id)
                            || urgencies.stream().anyMatch(urgency -> !tx.rules.containsKey(new RulesKey(id, urgency))))
                    .toList();
            Map<UUID, Users.WithRules> usersFound = users.findAllWithRules(newUsers, urgencies).stream()
                    .collect(Collectors.toMap(user -> user.user().id(), Function.identity()));
            newUsers.forEach(id -> {
                Users.WithRules user = usersFound.get(id);
                tx.users.put(id, Optional.ofNullable(user).map(Users.WithRules::user));
                urgencies.forEach(urgency -> tx.rules.put(new RulesKey(id, urgency), user == null ? List.of()
                        : user.rules().stream().filter(rule -> rule.urgency() == urgency).toList()));
            });
        });
    }
}

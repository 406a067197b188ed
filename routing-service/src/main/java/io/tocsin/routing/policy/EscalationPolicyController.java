package io.tocsin.routing.policy;

import io.swagger.v3.oas.annotations.Operation;
import io.tocsin.routing.api.ETags;
import io.tocsin.routing.api.InvalidRequest;
import io.tocsin.routing.api.NotFound;
import io.tocsin.routing.api.Refusals;
import io.tocsin.routing.audit.AuditLog.Action;
import io.tocsin.routing.audit.AuditLog.ResourceType;
import io.tocsin.routing.audit.AuditLog;
import io.tocsin.routing.policy.EscalationPolicy.Level;
import io.tocsin.routing.policy.EscalationPolicy.Target;
import io.tocsin.routing.policy.EscalationPolicy.TargetType;
import io.tocsin.routing.policy.EscalationPolicySpec.LevelSpec;
import io.tocsin.routing.schedule.Schedules;
import io.tocsin.routing.team.Teams;
import io.tocsin.routing.user.ContactAddresses;
import io.tocsin.routing.user.Users;
import jakarta.validation.Valid;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Pattern;
import org.springframework.http.HttpHeaders;
import org.springframework.http.ResponseEntity;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** Escalation policies over REST: who is paged, level by level, and how often the policy repeats. */
@RestController
@RequestMapping("/api/v1/escalation-policies")
class EscalationPolicyController {

    private static final Duration SHORTEST_DELAY = Duration.ofSeconds(1);
    private static final Pattern SLACK_CHANNEL = Pattern.compile("[CG][A-Z0-9]{2,}");

    private final EscalationPolicies policies;
    private final Users users;
    private final Schedules schedules;
    private final Teams teams;
    private final AuditLog audit;
    private final ETags etags;
    private final ContactAddresses addresses;

    EscalationPolicyController(EscalationPolicies policies, Users users, Schedules schedules, Teams teams,
            AuditLog audit, ETags etags, ContactAddresses addresses) {
        this.policies = policies;
        this.users = users;
        this.schedules = schedules;
        this.teams = teams;
        this.audit = audit;
        this.etags = etags;
        this.addresses = addresses;
    }

    record PolicyList(List<EscalationPolicy> escalationPolicies) {
    }

    @Operation(operationId = "listEscalationPolicies", summary = "List escalation policies, or a team's")
    @GetMapping
    PolicyList list(@RequestParam(required = false) UUID teamId) {
        return new PolicyList(policies.list(teamId));
    }

    @Operation(operationId = "getEscalationPolicy", summary = "Get an escalation policy")
    @GetMapping("/{id}")
    ResponseEntity<EscalationPolicy> get(@PathVariable UUID id) {
        EscalationPolicy policy = policies.find(id).orElseThrow(() -> notFound(id));
        return ResponseEntity.ok().eTag(etags.of(policy)).body(policy);
    }

    @Operation(operationId = "createEscalationPolicy", summary = "Create an escalation policy")
    @PostMapping
    @Transactional
    ResponseEntity<EscalationPolicy> create(@Valid @RequestBody EscalationPolicySpec spec) {
        EscalationPolicy policy = policies.create(spec.name(), spec.repeatCount(), levels(spec),
                teams.checked(spec.teamId()));
        audit.record(ResourceType.ESCALATION_POLICY, policy.id(), Action.CREATE, null, policy);
        return ResponseEntity.created(URI.create("/api/v1/escalation-policies/" + policy.id())).body(policy);
    }

    @Operation(operationId = "replaceEscalationPolicy", summary = "Replace an escalation policy")
    @PutMapping("/{id}")
    @Transactional
    ResponseEntity<EscalationPolicy> replace(@PathVariable UUID id, @RequestHeader(value = HttpHeaders.IF_MATCH, required = false) String ifMatch,
            @Valid @RequestBody EscalationPolicySpec spec) {
        EscalationPolicy before = etags.current("escalation policy", id, ifMatch, () -> policies.find(id))
                .orElseThrow(() -> notFound(id));
        EscalationPolicy after = policies.replace(id, spec.name(), spec.repeatCount(), levels(spec),
                teams.checked(spec.teamId())).orElseThrow();
        audit.record(ResourceType.ESCALATION_POLICY, id, Action.UPDATE, before, after);
        return ResponseEntity.ok().eTag(etags.of(after)).body(after);
    }

    @Operation(operationId = "deleteEscalationPolicy", summary = "Delete an escalation policy no service uses")
    @DeleteMapping("/{id}")
    @Transactional
    ResponseEntity<Void> delete(@PathVariable UUID id, @RequestHeader(value = HttpHeaders.IF_MATCH, required = false) String ifMatch) {
        EscalationPolicy before = etags.current("escalation policy", id, ifMatch, () -> policies.find(id))
                .orElseThrow(() -> notFound(id));
        Refusals.refusedBy("service_escalation_policy_id_fkey", "Escalation policy " + id + " is used by a service:"
                + " point the service at another policy first.", () -> policies.delete(id));
        audit.record(ResourceType.ESCALATION_POLICY, id, Action.DELETE, before, null);
        return ResponseEntity.noContent().build();
    }

    /** Checks what bean validation cannot: delays long enough, targets that exist. */
    private List<Level> levels(EscalationPolicySpec spec) {
        List<Level> levels = new ArrayList<>();
        for (int i = 0; i < spec.levels().size(); i++) {
            LevelSpec level = spec.levels().get(i);
            String where = "level " + (i + 1);
            if (level.delay().compareTo(SHORTEST_DELAY) < 0) {
                throw new InvalidRequest(where + ": 'delay' must be at least PT1S, not " + level.delay());
            }
            List<Target> targets = level.targets().stream()
                    .map(target -> new Target(target.type(), checked(where, target.type(), target.id().trim())))
                    .toList();
            levels.add(new Level(i, level.delay(), targets));
        }
        return levels;
    }

    /** The target's id, if it names something that exists (a Slack channel or webhook can only be checked for shape). */
    private String checked(String where, TargetType type, String id) {
        boolean exists = switch (type) {
            case USER -> uuid(id).flatMap(users::find).isPresent();
            case SCHEDULE -> uuid(id).filter(schedules::exists).isPresent();
            case SLACK_CHANNEL -> SLACK_CHANNEL.matcher(id).matches();
            case WEBHOOK -> ContactAddresses.isWebhookUrl(id);
        };
        if (!exists) {
            throw new InvalidRequest(where + switch (type) {
                case USER -> ": no user has id " + id;
                case SCHEDULE -> ": no schedule has id " + id;
                case SLACK_CHANNEL -> ": '" + id + "' is not a Slack channel ID (like C024BE91L; find it in the"
                        + " channel's details in Slack)";
                case WEBHOOK -> ": '" + id + "' is not a webhook URL: give " + ContactAddresses.WEBHOOK_FORM;
            });
        }
        if (type == TargetType.WEBHOOK) {
            addresses.webhookRefusal(id).ifPresent(refusal -> {
                throw new InvalidRequest(where + ": the webhook would never be called: " + refusal);
            });
        }
        return id;
    }

    private static Optional<UUID> uuid(String id) {
        try {
            return Optional.of(UUID.fromString(id));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    private static NotFound notFound(UUID id) {
        return new NotFound("No escalation policy has id " + id);
    }
}

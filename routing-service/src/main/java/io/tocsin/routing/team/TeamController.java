package io.tocsin.routing.team;

import io.swagger.v3.oas.annotations.Operation;
import io.tocsin.routing.api.Conflict;
import io.tocsin.routing.api.ETags;
import io.tocsin.routing.api.NotFound;
import io.tocsin.routing.audit.AuditLog;
import io.tocsin.routing.audit.AuditLog.Action;
import io.tocsin.routing.audit.AuditLog.ResourceType;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import java.net.URI;
import java.util.List;
import java.util.UUID;
import java.util.stream.Collectors;
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
import org.springframework.web.bind.annotation.RestController;

/** Teams over REST; services, schedules and escalation policies name their team by {@code teamId}. */
@RestController
@RequestMapping("/api/v1/teams")
class TeamController {

    private final Teams teams;
    private final AuditLog audit;
    private final ETags etags;

    TeamController(Teams teams, AuditLog audit, ETags etags) {
        this.teams = teams;
        this.audit = audit;
        this.etags = etags;
    }

    /** The body of POST and PUT. */
    record TeamSpec(@NotBlank @Size(max = 200) String name) {
    }

    record TeamList(List<Team> teams) {
    }

    @Operation(operationId = "listTeams", summary = "List teams")
    @GetMapping
    TeamList list() {
        return new TeamList(teams.list());
    }

    @Operation(operationId = "getTeam", summary = "Get a team")
    @GetMapping("/{id}")
    ResponseEntity<Team> get(@PathVariable UUID id) {
        Team team = teams.find(id).orElseThrow(() -> notFound(id));
        return ResponseEntity.ok().eTag(etags.of(team)).body(team);
    }

    @Operation(operationId = "createTeam", summary = "Create a team")
    @PostMapping
    @Transactional
    ResponseEntity<Team> create(@Valid @RequestBody TeamSpec spec) {
        unique(spec.name(), null);
        Team team = teams.create(spec.name().trim());
        audit.record(ResourceType.TEAM, team.id(), Action.CREATE, null, team);
        return ResponseEntity.created(URI.create("/api/v1/teams/" + team.id())).body(team);
    }

    @Operation(operationId = "replaceTeam", summary = "Rename a team")
    @PutMapping("/{id}")
    @Transactional
    ResponseEntity<Team> replace(@PathVariable UUID id,
            @RequestHeader(value = HttpHeaders.IF_MATCH, required = false) String ifMatch,
            @Valid @RequestBody TeamSpec spec) {
        Team before = etags.current("team", id, ifMatch, () -> teams.find(id)).orElseThrow(() -> notFound(id));
        unique(spec.name(), id);
        Team after = teams.rename(id, spec.name().trim());
        audit.record(ResourceType.TEAM, id, Action.UPDATE, before, after);
        return ResponseEntity.ok().eTag(etags.of(after)).body(after);
    }

    @Operation(operationId = "deleteTeam", summary = "Delete a team that owns nothing")
    @DeleteMapping("/{id}")
    @Transactional
    ResponseEntity<Void> delete(@PathVariable UUID id,
            @RequestHeader(value = HttpHeaders.IF_MATCH, required = false) String ifMatch) {
        Team before = etags.current("team", id, ifMatch, () -> teams.find(id)).orElseThrow(() -> notFound(id));
        List<Teams.Owned> owned = teams.owned(id);
        if (!owned.isEmpty()) {
            throw new Conflict("Team '" + before.name() + "' still owns " + owned.stream().map(Teams.Owned::toString)
                    .collect(Collectors.joining(", ")) + ": give them another team (or none) with PUT first.");
        }
        teams.delete(id);
        audit.record(ResourceType.TEAM, id, Action.DELETE, before, null);
        return ResponseEntity.noContent().build();
    }

    /** Two teams of the same name (ignoring case) could not be told apart in a list. */
    private void unique(String name, UUID id) {
        teams.named(name.trim()).filter(other -> !other.equals(id)).ifPresent(other -> {
            throw new Conflict("A team named '" + name.trim() + "' exists already (id " + other
                    + "): choose another name, or use that team.");
        });
    }

    private static NotFound notFound(UUID id) {
        return new NotFound("No team has id " + id);
    }
}

package io.tocsin.routing.console;

import io.tocsin.routing.policy.EscalationPolicies;
import io.tocsin.routing.policy.EscalationPolicy.Target;
import io.tocsin.routing.schedule.Schedule;
import io.tocsin.routing.schedule.Schedules;
import io.tocsin.routing.user.ContactMethod;
import io.tocsin.routing.user.User;
import io.tocsin.routing.user.Users;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;

/** Read-only views of what admins configure through the API: escalation policies and users. */
@Controller
@RequestMapping("/ui")
class DirectoryPages {

    /** A user with how they can be reached. */
    public record Person(User user, List<ContactMethod> contactMethods) {
    }

    private final EscalationPolicies policies;
    private final Users users;
    private final Schedules schedules;
    private final Clock clock;

    DirectoryPages(EscalationPolicies policies, Users users, Schedules schedules, Clock clock) {
        this.policies = policies;
        this.users = users;
        this.schedules = schedules;
        this.clock = clock;
    }

    @GetMapping("/policies")
    String policies(Model model) {
        Map<String, String> userNames = users.list().stream()
                .collect(Collectors.toMap(user -> user.id().toString(), User::name));
        Map<String, String> scheduleNames = schedules.all(clock.instant()).stream()
                .collect(Collectors.toMap(schedule -> schedule.id().toString(), Schedule::name));
        model.addAttribute("policies", policies.list(null));
        model.addAttribute("targetNames", new TargetNames(userNames, scheduleNames));
        return "console/policies";
    }

    @GetMapping("/users")
    String users(Model model) {
        model.addAttribute("people", users.list().stream()
                .map(user -> new Person(user, users.contactMethods(user.id())))
                .toList());
        return "console/users";
    }

    /** How a policy's targets read: "Alice", "schedule Primary", "Slack C0123", "webhook https://…". */
    public record TargetNames(Map<String, String> users, Map<String, String> schedules) {

        public String of(Target target) {
            return switch (target.type()) {
                case USER -> users.getOrDefault(target.id(), "(deleted user)");
                case SCHEDULE -> "schedule " + schedules.getOrDefault(target.id(), "(deleted)");
                case SLACK_CHANNEL -> "Slack " + target.id();
                case WEBHOOK -> "webhook " + target.id();
            };
        }
    }
}

package io.tocsin.cli.config;

import io.tocsin.cli.api.AdminApi;
import io.tocsin.cli.api.Connection;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Clock;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code tocsin config export|apply}: the on-call configuration as a file, and a file made the configuration. */
@Command(name = "config", mixinStandardHelpOptions = true,
        description = "Export the on-call configuration as YAML, or apply such a file.",
        subcommands = {ConfigCommand.Export.class, ConfigCommand.Apply.class})
public class ConfigCommand {

    @Command(name = "export", mixinStandardHelpOptions = true,
            description = "Write all on-call configuration as YAML to standard output (references by name and email,"
                    + " never ids or keys).")
    static class Export implements Callable<Integer> {

        @Mixin
        Connection connection;

        @Spec
        CommandSpec spec;

        @Override
        public Integer call() {
            PrintWriter out = spec.commandLine().getOut();
            out.print(DocumentFile.write(Installation.read(connection.api()).document));
            out.flush();
            return 0;
        }
    }

    @Command(name = "apply", mixinStandardHelpOptions = true,
            description = "Print what the file changes in Tocsin (the plan) and, unless --dry-run, make those changes.")
    static class Apply implements Callable<Integer> {

        @Mixin
        Connection connection;

        @Option(names = {"-f", "--file"}, required = true, description = "the YAML file")
        Path file;

        @Option(names = "--dry-run", description = "only print the plan")
        boolean dryRun;

        @Option(names = "--prune", description = "also delete what Tocsin has and the file does not (integrations"
                + " are disabled)")
        boolean prune;

        @Spec
        CommandSpec spec;

        @Override
        public Integer call() {
            PrintWriter out = spec.commandLine().getOut();
            apply(connection.api(), DocumentFile.read(file), dryRun, prune, Clock.systemUTC(), out);
            out.flush();
            return 0;
        }
    }

    /** Plans the document against what Tocsin has, prints the plan and, unless a dry run, applies it. */
    public static Plan apply(AdminApi api, DocumentFile.Loaded document, boolean dryRun, boolean prune, Clock clock,
            PrintWriter out) {
        Installation current = Installation.read(api);
        Plan plan = Plan.of(document, current, prune, clock.instant(), DocumentCheck.askingTocsin(api));
        plan.print(out);
        if (plan.nothingToDo()) {
            out.println("Nothing to do: Tocsin already matches " + document.source() + ".");
        } else if (dryRun) {
            out.println("Dry run: nothing was changed.");
        } else {
            new Applier(api, current, out).apply(plan);
            out.println("Applied.");
        }
        return plan;
    }
}

package io.tocsin.cli.importer;

import io.tocsin.cli.config.ConfigDocument;
import io.tocsin.cli.config.DocumentFile;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code tocsin import pagerduty|opsgenie|grafana-oncall}: another tool's account as a configuration document. */
@Command(name = "import", mixinStandardHelpOptions = true,
        description = "Read another on-call tool's account and write it as a configuration document to apply.",
        subcommands = {ImportCommand.PagerDuty.class, ImportCommand.Opsgenie.class, ImportCommand.GrafanaOnCall.class})
public class ImportCommand {

    /** What every source takes, and what every import does with what it read. */
    abstract static class Source implements Callable<Integer> {

        @Option(names = "--api-url", required = true, description = "the source's API address")
        String url;

        @Option(names = "--api-token", required = true, description = "a token that may read the whole account")
        String token;

        @Option(names = {"-o", "--output"}, description = "the file to write (default: standard output)")
        Path output;

        @Spec
        CommandSpec spec;

        abstract ConfigDocument read(ImportReport report, Instant now);

        @Override
        public Integer call() throws Exception {
            ImportReport report = new ImportReport();
            ConfigDocument document = read(report, Instant.now());
            String yaml = DocumentFile.write(document);
            PrintWriter err = spec.commandLine().getErr();
            if (output == null) {
                spec.commandLine().getOut().print(yaml);
                spec.commandLine().getOut().flush();
            } else {
                Files.writeString(output, yaml);
                err.println("Wrote " + output + ". Check it, then: ./tocsin config apply -f " + output);
            }
            report.print(err);
            err.flush();
            return 0;
        }
    }

    @Command(name = "pagerduty", mixinStandardHelpOptions = true, description = "PagerDuty (REST API v2, e.g."
            + " https://api.pagerduty.com, with a read-only API key): users, teams, schedules, escalation policies,"
            + " services; Events API integrations keep their keys.")
    static class PagerDuty extends Source {

        @Override
        ConfigDocument read(ImportReport report, Instant now) {
            return new PagerDutyImport(url, token, report, now).read();
        }
    }

    @Command(name = "opsgenie", mixinStandardHelpOptions = true, description = "Opsgenie (REST API, e.g."
            + " https://api.opsgenie.com or https://api.eu.opsgenie.com, with an API key that may read the"
            + " configuration): users, teams, schedules, escalations, notification rules where they map, services with"
            + " their team's integrations (new keys).")
    static class Opsgenie extends Source {

        @Override
        ConfigDocument read(ImportReport report, Instant now) {
            return new OpsgenieImport(url, token, report).read();
        }
    }

    @Command(name = "grafana-oncall", mixinStandardHelpOptions = true, description = "Grafana OnCall (public API v1,"
            + " e.g. https://oncall.example.com or the Grafana Cloud OnCall API URL, with an API token): users, web"
            + " and iCal schedules, escalation chains, integrations as services (new keys).")
    static class GrafanaOnCall extends Source {

        @Override
        ConfigDocument read(ImportReport report, Instant now) {
            return new GrafanaOnCallImport(url, token, report, now).read();
        }
    }
}

package io.tocsin.cli;

import io.tocsin.cli.api.ApiRefused;
import io.tocsin.cli.config.BadDocument;
import io.tocsin.cli.config.ConfigCommand;
import io.tocsin.cli.importer.ImportCommand;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code tocsin} command line: talks to routing's admin API only. */
@Command(name = "tocsin", mixinStandardHelpOptions = true, version = "tocsin 0.1.0",
        description = "On-call configuration as code, and moving in from other on-call tools.",
        subcommands = {ConfigCommand.class, ImportCommand.class})
public final class Tocsin {

    public static void main(String[] args) {
        System.exit(run(new PrintWriter(System.out, true, StandardCharsets.UTF_8),
                new PrintWriter(System.err, true, StandardCharsets.UTF_8), args));
    }

    /** Runs the command; a refusal (bad file, API answer) is its message on {@code err} and exit code 1. */
    public static int run(PrintWriter out, PrintWriter err, String... args) {
        return new CommandLine(new Tocsin())
                .setOut(out)
                .setErr(err)
                .setExecutionExceptionHandler((e, commandLine, parseResult) -> {
                    if (e instanceof BadDocument || e instanceof ApiRefused) {
                        commandLine.getErr().println(e.getMessage());
                        return 1;
                    }
                    throw e;
                })
                .execute(args);
    }
}

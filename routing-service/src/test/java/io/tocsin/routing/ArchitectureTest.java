package io.tocsin.routing;

import static com.tngtech.archunit.library.Architectures.layeredArchitecture;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/**
 * The build fails on a package cycle and on an arrow against the layers (docs/architecture.md): configuration and
 * timers know nothing of the paging runtime, and nothing below the edge knows the edge.
 */
@AnalyzeClasses(packages = "io.tocsin.routing", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {

    @ArchTest
    static final ArchRule noPackageCycles = slices().matching("io.tocsin.routing.(*)..").should().beFreeOfCycles();

    @ArchTest
    static final ArchRule layers = layeredArchitecture().consideringOnlyDependenciesInLayers()
            .layer("Edge").definedBy("..routing.auth..", "..routing.console..", "..routing.statuspage..",
                    "..routing.demo..", "..routing.republish..", "..routing.selfcheck..")
            .layer("Runtime").definedBy("..routing.incident..", "..routing.escalation..")
            .layer("Configuration").definedBy("..routing.user..", "..routing.team..", "..routing.schedule..",
                    "..routing.policy..", "..routing.service..", "..routing.heartbeat..", "..routing.rule..")
            .layer("Timers").definedBy("..routing.timer..")
            .layer("Foundation").definedBy("io.tocsin.routing", "..routing.api..", "..routing.audit..",
                    "..routing.inbox..", "..routing.outbox..")
            .whereLayer("Edge").mayNotBeAccessedByAnyLayer()
            .whereLayer("Runtime").mayOnlyBeAccessedByLayers("Edge")
            .whereLayer("Configuration").mayOnlyBeAccessedByLayers("Runtime", "Edge")
            .whereLayer("Timers").mayOnlyBeAccessedByLayers("Configuration", "Runtime", "Edge")
            .whereLayer("Foundation").mayOnlyBeAccessedByLayers("Timers", "Configuration", "Runtime", "Edge");
}

package io.textback.architecture;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;

import static com.tngtech.archunit.base.DescribedPredicate.not;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.type;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.Architectures.layeredArchitecture;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

/**
 * The packages' arrows point one way. On top the edges: {@code web} (pages, the JSON API, security,
 * the generic webhook), {@code twilio} (everything that speaks Twilio) and {@code operations}
 * (metrics, health). In the middle {@code recipes}: whatever touches the Camunda engine. Below,
 * the domain, which tells the recipes what happened through ports it owns ({@code CallRecipes},
 * {@code RecipeCatalog}, {@code TextSender}, {@code LineTypes}) and never calls the engine. At the
 * bottom {@code system}: phone numbers, public URLs, the log context, the database's startup order.
 * It reads class files only, so it runs beside the other tests, in a thread that is free.
 */
@Execution(ExecutionMode.CONCURRENT)
class PackageLayersTest {

    static final JavaClasses APP = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("io.textback");

    static final String[] DOMAIN = {"io.textback.calls..", "io.textback.contacts..", "io.textback.messaging..",
            "io.textback.accounts..", "io.textback.hours..", "io.textback.autoreply..", "io.textback.settings..",
            "io.textback.conversations..", "io.textback.funnel.."};

    static final ArchRule layers = layeredArchitecture().consideringOnlyDependenciesInLayers()
            .layer("Edges").definedBy("io.textback.web..", "io.textback.twilio..", "io.textback.operations..")
            .layer("Recipes").definedBy("io.textback.recipes..")
            .layer("Domain").definedBy(DOMAIN)
            .layer("System").definedBy("io.textback.system..")
            .whereLayer("Edges").mayNotBeAccessedByAnyLayer()
            .whereLayer("Recipes").mayOnlyBeAccessedByLayers("Edges")
            .whereLayer("Domain").mayOnlyBeAccessedByLayers("Edges", "Recipes")
            .whereLayer("System").mayOnlyBeAccessedByLayers("Edges", "Recipes", "Domain");

    static final ArchRule noCycles = slices().matching("io.textback.(*)..").should().beFreeOfCycles();

    /** The engine's clock is the one exception: recipes and the domain must agree on what "now" is. */
    static final ArchRule domainDoesNotCallTheEngine = noClasses().that().resideInAnyPackage(DOMAIN)
            .should().dependOnClassesThat(resideInAPackage("org.camunda..")
                    .and(not(type(org.camunda.bpm.engine.impl.util.ClockUtil.class))))
            .because("the domain raises what happened through its ports; only recipes talk to the engine");

    /** Only the twilio package speaks Twilio: the SDK, its webhooks and its error codes stay at the edge. */
    static final ArchRule twilioStaysAtTheEdge = noClasses().that().resideOutsideOfPackages("io.textback.twilio..")
            .should().dependOnClassesThat().resideInAPackage("com.twilio..");

    @Test
    void edgesOnTopThenRecipesThenTheDomainThenSystem() {
        layers.check(APP);
    }

    @Test
    void packagesFormNoCycle() {
        noCycles.check(APP);
    }

    @Test
    void domainTellsTheRecipesWhatHappenedAndNeverCallsTheEngine() {
        domainDoesNotCallTheEngine.check(APP);
    }

    @Test
    void onlyTheTwilioPackageSpeaksTwilio() {
        twilioStaysAtTheEdge.check(APP);
    }
}

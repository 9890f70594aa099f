package io.textback.support;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;

import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.camunda.community.process_test_coverage.core.engine.ExcludeFromProcessCoverage;
import org.junit.jupiter.api.Test;

/**
 * Test classes whose methods run at once stay out of process test coverage, whose collector is not
 * safe for that (see {@link ScaledTimeAppTest} and {@link SimulatedAppTest}).
 */
class ConcurrentMethodsTest {

    @Test
    void classesOfTheSharedAppsAreLeftOutOfProcessCoverage() {
        var tests = new ClassFileImporter().withImportOption(ImportOption.Predefined.ONLY_INCLUDE_TESTS)
                .importPackages("io.textback");
        classes().that().areAnnotatedWith(ScaledTimeAppTest.class).or().areAnnotatedWith(SimulatedAppTest.class)
                .should().beAnnotatedWith(ExcludeFromProcessCoverage.class)
                .because("their methods run at once, and the coverage plugin's collector is not safe for that")
                .check(tests);
    }
}

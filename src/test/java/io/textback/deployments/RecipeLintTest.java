package io.textback.deployments;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

/**
 * The checker the build runs on {@code bpmn/} (src/build/lint-recipes.js), run on fixtures that
 * Modeler would flag: it must fail and say what is wrong, or a broken recipe could ship.
 */
class RecipeLintTest {

    static final Path FIXTURES = Path.of("src/test/resources/lint-fixtures");

    @Test
    void shippedRecipesAndTemplatesPass() throws Exception {
        Lint lint = lint(Path.of("bpmn"));

        assertThat(lint.exitCode()).as(lint.output()).isZero();
        assertThat(lint.output()).contains("OK: ").contains("element template(s) validated");
    }

    @Test
    void recipeWithAnUnnamedGatewayAndNoHistoryTimeToLiveFailsWithTheLintersMessage() throws Exception {
        Lint lint = lint(FIXTURES.resolve("broken.bpmn"));

        assertThat(lint.exitCode()).isEqualTo(1);
        assertThat(lint.output())
                .contains("TextBackEnabled").contains("Element is missing label/name").contains("label-required")
                .contains("Property <historyTimeToLive> should be configured")
                .contains("camunda-compat/history-time-to-live");
    }

    @Test
    void taskCallingSendTextWithoutItsTemplateFails() throws Exception {
        Lint lint = lint(FIXTURES.resolve("template-not-applied.bpmn"));

        assertThat(lint.exitCode()).isEqualTo(1);
        assertThat(lint.output()).contains("SendText")
                .contains("Apply element template \"Send text\" (io.textback.SendText) to this task");
    }

    @Test
    void templateThatBreaksCamundasSchemaFailsNamingTheFieldAndLine() throws Exception {
        Lint lint = lint(FIXTURES.resolve("broken-template.json"));

        assertThat(lint.exitCode()).isEqualTo(1);
        assertThat(lint.output())
                .contains("/properties/1 (line 16): must provide choices=[] with \"Dropdown\" type")
                .contains("/properties/1/binding (line 20): property.binding \"camunda:inputParameter\" requires name");
    }

    record Lint(int exitCode, String output) {
    }

    private static Lint lint(Path... targets) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("node", "src/build/lint-recipes.js"));
        for (Path target : targets) {
            command.add(target.toString());
        }
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).as("lint finished").isTrue();
        return new Lint(process.exitValue(), output);
    }
}

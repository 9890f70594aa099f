package io.textback.messaging;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

/**
 * The "Send text" element template checks a message in Modeler with its own pattern; it must accept
 * exactly the merge fields of {@link MessageTemplate#FIELDS}, the one list the product fills.
 */
class MergeFieldsInTemplateTest {

    @Test
    void sendTextTemplateAcceptsAndNamesEveryMergeFieldAndRefusesATypo() throws Exception {
        JsonNode template = new ObjectMapper().readTree(Files.readString(
                Path.of("bpmn/.camunda/element-templates/send-text.json")));
        JsonNode message = null;
        for (JsonNode property : template.get("properties")) {
            if ("message".equals(property.path("binding").path("name").asText())) {
                message = property;
            }
        }
        assertThat(message).isNotNull();
        Pattern pattern = Pattern.compile(message.path("constraints").path("pattern").path("value").asText());

        for (MessageTemplate.Field field : MessageTemplate.FIELDS) {
            assertThat(pattern.matcher("Hi {{" + field.field() + "}} and {{" + field.field() + "|fallback}}").matches())
                    .as("the template's pattern accepts {{%s}}", field.field()).isTrue();
            assertThat(message.get("description").asText()).contains("{{" + field.field() + "}}");
        }
        assertThat(pattern.matcher("Hi {{contact.frist_name}}").matches()).isFalse();
    }
}

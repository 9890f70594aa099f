package io.textback.messaging;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The "Send text" element template is the one copy of the merge fields outside Java (Modeler reads
 * only the JSON): its pattern, its description and its error message must name exactly the fields of
 * {@link MessageTemplate#FIELDS}, the one list the product fills and the settings page offers.
 */
class MergeFieldsInTemplateTest {

    static final Set<String> FIELDS = MessageTemplate.FIELDS.stream().map(MessageTemplate.Field::field)
            .collect(Collectors.toSet());

    JsonNode message;
    Pattern pattern;

    @BeforeEach
    void readTemplate() throws Exception {
        JsonNode template = new ObjectMapper().readTree(Files.readString(
                Path.of("bpmn/.camunda/element-templates/send-text.json")));
        for (JsonNode property : template.get("properties")) {
            if ("message".equals(property.path("binding").path("name").asText())) {
                message = property;
            }
        }
        assertThat(message).isNotNull();
        pattern = Pattern.compile(patternText());
    }

    @Test
    void sendTextTemplateAcceptsEveryMergeFieldAndRefusesATypo() {
        for (String field : FIELDS) {
            assertThat(pattern.matcher("Hi {{" + field + "}} and {{ " + field + "|fallback}}").matches())
                    .as("the template's pattern accepts {{%s}}", field).isTrue();
        }
        assertThat(pattern.matcher("Hi {{contact.frist_name}}").matches()).isFalse();
        assertThat(pattern.matcher("Hi {{contact.email}}").matches()).isFalse();
    }

    @Test
    void patternDescriptionAndErrorMessageNameExactlyTheMergeFieldsTheProductFills() {
        // The pattern lists its fields as prefix\.(?:name|name...) alternatives.
        Set<String> accepted = Pattern.compile("([a-z_]+)\\\\\\.\\(\\?:([a-z_|]+)\\)").matcher(patternText()).results()
                .flatMap(group -> Set.of(group.group(2).split("\\|")).stream().map(name -> group.group(1) + "." + name))
                .collect(Collectors.toSet());
        assertThat(accepted).as("fields the template's pattern accepts").isEqualTo(FIELDS);

        Set<String> described = Pattern.compile("\\{\\{([a-z_]+\\.[a-z_]+)}}")
                .matcher(message.get("description").asText()).results().map(m -> m.group(1))
                .collect(Collectors.toSet());
        assertThat(described).as("fields the template's description names").isEqualTo(FIELDS);

        Set<String> inTheError = Pattern.compile("\\b([a-z]+\\.[a-z_]+)\\b")
                .matcher(message.path("constraints").path("pattern").path("message").asText()).results()
                .map(m -> m.group(1)).collect(Collectors.toSet());
        assertThat(inTheError).as("fields the template's error message names").isEqualTo(FIELDS);
    }

    private String patternText() {
        return message.path("constraints").path("pattern").path("value").asText();
    }
}

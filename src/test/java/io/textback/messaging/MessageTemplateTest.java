package io.textback.messaging;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import org.junit.jupiter.api.Test;

class MessageTemplateTest {

    @Test
    void knownContactFillsTheMergeFields() {
        assertThat(MessageTemplate.render("Hi {{contact.first_name}}, {{business.name}} here. Call {{business.phone}}.",
                Map.of("contact.first_name", "Maria", "business.name", "Rivera Roofing", "business.phone", "+12125550123")))
                .isEqualTo("Hi Maria, Rivera Roofing here. Call +12125550123.");
    }

    @Test
    void unknownCallerGetsTheFallback() {
        assertThat(MessageTemplate.render("Hi {{contact.first_name|there}}!", Map.of())).isEqualTo("Hi there!");
        assertThat(MessageTemplate.render("Hi {{ contact.first_name | friend }}!", Map.of())).isEqualTo("Hi friend!");
    }

    @Test
    void emptyFieldLeavesNoDoubleSpacesNorSpaceBeforePunctuation() {
        assertThat(MessageTemplate.render("Hi {{contact.first_name}}, sorry  we missed you {{contact.name}}.",
                Map.of())).isEqualTo("Hi, sorry we missed you.");
        assertThat(MessageTemplate.render("{{contact.first_name}} thanks for calling", Map.of("contact.first_name", "")))
                .isEqualTo("thanks for calling");
    }

    @Test
    void unknownFieldsAreNamedSoATypoIsCaughtOnSave() {
        assertThat(MessageTemplate.unknownFields("Hi {{contact.frist_name}} from {{business.name}}"))
                .containsExactly("contact.frist_name");
    }
}

package io.textback.recipes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Instant;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import org.camunda.bpm.engine.variable.type.ValueType;
import org.camunda.bpm.model.bpmn.Bpmn;
import org.camunda.bpm.model.bpmn.instance.FlowElement;
import org.camunda.bpm.model.bpmn.instance.Message;
import org.camunda.bpm.model.bpmn.instance.Process;
import org.junit.jupiter.api.Test;

/**
 * The two start contracts as the engine stores them, what they read from instances that earlier
 * versions started, and the shipped recipes' keys, element ids and messages as Java names them.
 */
class RecipeContractTest {

    static final Instant RANG = Instant.parse("2026-03-02T09:00:00.123456789Z");

    @Test
    void missedCallStartsWithTypedVariablesAndCalledAtAsADateToTheMillisecond() {
        var start = new MissedCallStart("CA1", "acme", "+14155550123", "+15005550006", "busy", RANG);

        var variables = start.toVariables();

        assertThat(variables.getValueTyped(MissedCallStart.CALLED_AT.name()).getType()).isEqualTo(ValueType.DATE);
        for (var text : List.of(MissedCallStart.CALL_SID, MissedCallStart.ACCOUNT_ID, MissedCallStart.CALLER,
                MissedCallStart.BUSINESS_NUMBER, MissedCallStart.MISSED_REASON)) {
            assertThat(variables.getValueTyped(text.name()).getType()).as(text.name()).isEqualTo(ValueType.STRING);
        }
        assertThat(variables.keySet()).containsExactlyInAnyOrder("callSid", "accountId", "caller", "businessNumber",
                "missedReason", "calledAt");
        assertThat(MissedCallStart.of(variables)).isEqualTo(start);
        assertThat(MissedCallStart.of(variables).calledAt()).isEqualTo(Instant.parse("2026-03-02T09:00:00.123Z"));
    }

    @Test
    void calledAtStoredAsAnIsoTextByEarlierVersionsStillReads() {
        Map<String, Object> legacy = Map.of("callSid", "CA1", "accountId", "acme", "caller", "+14155550123",
                "businessNumber", "+15005550006", "missedReason", "no-answer", "calledAt", RANG.toString());

        assertThat(MissedCallStart.of(legacy)).isEqualTo(new MissedCallStart("CA1", "acme", "+14155550123",
                "+15005550006", "no-answer", RANG));
        assertThat(MissedCallStart.CALLED_AT.from(Map.of("calledAt", "2026-03-02T10:00:00+01:00")))
                .contains(Instant.parse("2026-03-02T09:00:00Z"));
    }

    @Test
    void aVariableOfTheWrongKindIsRefusedByName() {
        assertThatThrownBy(() -> MissedCallStart.CALLED_AT.from(Map.of("calledAt", "yesterday")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'calledAt' must be a date").hasMessageContaining("yesterday");
        assertThatThrownBy(() -> RecipeContract.IN_BUSINESS_HOURS.from(Map.of("inBusinessHours", "maybe")))
                .hasMessageContaining("'inBusinessHours' must be true or false");
        assertThat(RecipeContract.CALL_NUMBER_IN_WINDOW.from(Map.of())).isEmpty();
    }

    @Test
    void inboundTextStartsWithTypedVariablesAndReceivedAtAsADate() {
        var start = new InboundTextStart("acme", "+14155550123", "+15005550006", "Open on Saturday?", RANG);

        var variables = start.toVariables();

        assertThat(variables.getValueTyped(InboundTextStart.RECEIVED_AT.name()).getType()).isEqualTo(ValueType.DATE);
        assertThat(variables.keySet()).containsExactlyInAnyOrder("accountId", "caller", "businessNumber", "body",
                "receivedAt");
        assertThat(InboundTextStart.of(variables)).isEqualTo(start);
        assertThat(InboundTextStart.of(Map.of("accountId", "acme", "caller", "+14155550123", "businessNumber",
                "+15005550006", "body", "Open on Saturday?", "receivedAt", RANG.toString()))).isEqualTo(start);
    }

    @Test
    void everyShippedRecipeHasTheKeyElementsAndMessagesJavaNamesForIt() {
        Map<String, Class<? extends Enum<?>>> recipes = Map.of(
                MissedCallTextBack.KEY, MissedCallTextBack.Element.class,
                MissedCallTextBackOnce.KEY, MissedCallTextBackOnce.Element.class,
                MissedCallTextBackHours.KEY, MissedCallTextBackHours.Element.class,
                MissedCallTextBackFollowUp.KEY, MissedCallTextBackFollowUp.Element.class,
                AutoReply.KEY, AutoReply.Element.class);
        Set<String> messages = Set.of(RecipeContract.MESSAGE_CALL_ANSWERED, RecipeContract.MESSAGE_TEXT_RECEIVED,
                InboundTextStart.START_MESSAGE);

        recipes.forEach((key, elements) -> {
            var model = Bpmn.readModelFromFile(Path.of("bpmn", key + ".bpmn").toFile());
            assertThat(model.getModelElementsByType(Process.class)).extracting(Process::getId).containsExactly(key);
            Set<String> ids = model.getModelElementsByType(FlowElement.class).stream().map(FlowElement::getId)
                    .collect(Collectors.toCollection(HashSet::new));
            assertThat(ids).as(key).containsAll(Arrays.stream(elements.getEnumConstants())
                    .map(Enum::name).toList());
            assertThat(model.getModelElementsByType(Message.class)).extracting(Message::getName).as(key)
                    .allMatch(messages::contains);
        });
    }
}

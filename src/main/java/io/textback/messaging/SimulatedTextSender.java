package io.textback.messaging;

import java.time.Instant;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/** Sends nothing: the text stays in the message log with status {@code simulated}, for the outbox page. */
public class SimulatedTextSender implements TextSender {

    @Override
    public SendResult send(OutgoingText text) {
        return SendResult.accepted(TextStatus.SIMULATED, "SIM" + UUID.randomUUID().toString().replace("-", ""));
    }

    @Override
    public Optional<SendResult> findAccepted(OutgoingText text, Instant since, Set<String> known) {
        return Optional.empty();
    }

    @Override
    public boolean isSimulated() {
        return true;
    }
}

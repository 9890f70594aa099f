package io.textback.web;

import io.textback.messaging.TextMessage;
import io.textback.messaging.TextMessageLog;
import java.util.List;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** The message log, newest first. */
@RestController
class MessagesController {

    private final TextMessageLog messages;

    MessagesController(TextMessageLog messages) {
        this.messages = messages;
    }

    @GetMapping("/api/messages")
    List<TextMessage> list(@RequestParam(required = false) String accountId, @RequestParam(required = false) String to,
                           @RequestParam(required = false) String status,
                           @RequestParam(defaultValue = "100") int limit) {
        return messages.find(accountId, to, status, Math.max(1, Math.min(limit, 1000)));
    }
}

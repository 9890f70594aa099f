package io.textback.support;

import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.common.Json;
import com.github.tomakehurst.wiremock.extension.ResponseDefinitionTransformerV2;
import com.github.tomakehurst.wiremock.http.Request;
import com.github.tomakehurst.wiremock.http.RequestMethod;
import com.github.tomakehurst.wiremock.http.ResponseDefinition;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;

import static com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder.like;

/**
 * Twilio's memory of messages, as the stand-in keeps it: a POST that a stub lets through this
 * transformer is taken (stored with a new SID, whatever the stub then does to the answer: a delay
 * past the client's timeout, a reset connection), and the Messages list (GET) shows what was taken,
 * newest first, queued ones without a send date, as Twilio does.
 */
final class TwilioMessages implements ResponseDefinitionTransformerV2 {

    static final String NAME = "twilio-messages";
    private static final DateTimeFormatter RFC_2822 = DateTimeFormatter.RFC_1123_DATE_TIME;
    private static final ObjectMapper JSON = new ObjectMapper();

    record Taken(String sid, String to, String from, String body, ZonedDateTime created) {
    }

    private final List<Taken> taken = new CopyOnWriteArrayList<>();
    /** When each text taken and still being answered will be answered (System.nanoTime), while a limit is set. */
    private final PriorityQueue<Long> answering = new PriorityQueue<>();
    private String limitedFrom;
    private int accountLimit;
    private int refused;

    @Override
    public String getName() {
        return NAME;
    }

    @Override
    public boolean applyGlobally() {
        return false;
    }

    void clear() {
        taken.clear();
        limitRequestsAtOnce(null, 0);
    }

    /**
     * Twilio's limit of concurrent requests on the account that texts from this number: past this many
     * of its texts being answered at once, a text is refused with 429 (error 20429, come back in a
     * second) and not taken; 0 for none. Other numbers' texts are not counted (tests run side by side).
     */
    synchronized void limitRequestsAtOnce(String from, int limit) {
        limitedFrom = from;
        accountLimit = limit;
        answering.clear();
        refused = 0;
    }

    /** Texts refused with 429 since the limit was set. */
    synchronized int refusedAsTooMany() {
        return refused;
    }

    /** Whether a text answered after this delay fits in the account's limit; counted as being answered if so. */
    private synchronized boolean fitsInLimit(String from, Integer delayMillis) {
        if (accountLimit == 0 || !from.equals(limitedFrom)) {
            return true;
        }
        long now = System.nanoTime();
        while (!answering.isEmpty() && answering.peek() - now <= 0) {
            answering.poll();
        }
        if (answering.size() >= accountLimit) {
            refused++;
            return false;
        }
        answering.add(now + TimeUnit.MILLISECONDS.toNanos(delayMillis == null ? 0 : delayMillis));
        return true;
    }

    List<Taken> takenTo(String to) {
        return taken.stream().filter(m -> m.to().equals(to)).toList();
    }

    @Override
    public ResponseDefinition transform(ServeEvent serveEvent) {
        Request request = serveEvent.getRequest();
        ResponseDefinition stub = serveEvent.getResponseDefinition();
        if (request.getMethod().equals(RequestMethod.POST)) {
            var form = request.formParameters();
            if (!fitsInLimit(form.get("From").firstValue(), stub.getFixedDelayMilliseconds())) {
                return TwilioStandIn.twilioError(429, 20429, "Too Many Requests").withHeader("Retry-After", "1").build();
            }
            var message = new Taken("SM" + UUID.randomUUID().toString().replace("-", ""),
                    form.get("To").firstValue(), form.get("From").firstValue(), form.get("Body").firstValue(),
                    ZonedDateTime.now(ZoneOffset.UTC));
            taken.add(message);
            return like(stub).but().withStatus(201).withHeader("Content-Type", "application/json")
                    .withBody(Json.write(json(message))).build();
        }
        String to = request.queryParameter("To").isPresent() ? request.queryParameter("To").firstValue() : null;
        String from = request.queryParameter("From").isPresent() ? request.queryParameter("From").firstValue() : null;
        var list = new ArrayList<Map<String, Object>>();
        for (int i = taken.size() - 1; i >= 0; i--) {
            Taken m = taken.get(i);
            if ((to == null || m.to().equals(to)) && (from == null || m.from().equals(from))) {
                list.add(json(m));
            }
        }
        return like(stub).but().withStatus(200).withHeader("Content-Type", "application/json")
                .withBody(Json.write(Map.of("messages", list, "page", 0, "page_size", 50,
                        "uri", request.getUrl())))
                .build();
    }

    private static Map<String, Object> json(Taken m) {
        var json = new java.util.LinkedHashMap<String, Object>();
        json.put("sid", m.sid());
        json.put("account_sid", TwilioStandIn.ACCOUNT_SID);
        json.put("to", m.to());
        json.put("from", m.from());
        json.put("body", m.body());
        json.put("status", "queued");
        json.put("num_segments", "1");
        json.put("direction", "outbound-api");
        json.put("api_version", "2010-04-01");
        json.put("date_created", RFC_2822.format(m.created()));
        json.put("date_sent", null);
        return json;
    }
}

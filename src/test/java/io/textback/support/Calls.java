package io.textback.support;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.textback.recipes.SendTextWorker;
import org.camunda.bpm.engine.ExternalTaskService;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.runtime.Job;

/**
 * Calls as Twilio reports them (signed webhooks to the running app) and the calls list as the
 * owner's page reads it, with the recipe's jobs run by the test as the job executor would.
 */
public final class Calls {

    public static final String PUBLIC_URL = "https://textback.example.com";

    private static final ObjectMapper JSON = new ObjectMapper();

    private final AppClient app;
    private final ManagementService management;
    private final ExternalTaskService externalTasks;
    private final SendTextWorker sendTexts;

    public Calls(AppClient app, ManagementService management, ExternalTaskService externalTasks,
                 SendTextWorker sendTexts) {
        this.app = app;
        this.management = management;
        this.externalTasks = externalTasks;
        this.sendTexts = sendTexts;
    }

    /** A call nobody answered; returns its CallSid. */
    public String missed(String caller, String businessNumber) {
        String callSid = Fixtures.newCallSid();
        dialed(callSid, caller, businessNumber, "no-answer");
        return callSid;
    }

    /** A call the team picked up. */
    public String answered(String caller, String businessNumber) {
        String callSid = Fixtures.newCallSid();
        dialed(callSid, caller, businessNumber, "completed");
        return callSid;
    }

    public void textFromCaller(String caller, String businessNumber, String body) {
        signed("/twilio/messaging/incoming", Map.of("MessageSid", "SM" + Fixtures.newCallSid().substring(2),
                "From", caller, "To", businessNumber, "Body", body));
    }

    private void dialed(String callSid, String caller, String businessNumber, String dialStatus) {
        signed("/twilio/voice/dial-complete", Map.of("CallSid", callSid, "From", caller, "To", businessNumber,
                "DialCallStatus", dialStatus));
    }

    private void signed(String path, Map<String, String> params) {
        var response = app.twilio(path, params, TwilioStandIn.AUTH_TOKEN, PUBLIC_URL);
        assertThat(response.statusCode()).as(path + ": " + response.body()).isBetween(200, 204);
    }

    /** The call as GET /api/calls lists it. */
    public JsonNode get(String accountId, String callSid) {
        JsonNode page = list("/api/calls?size=200&accountId=" + accountId);
        for (JsonNode call : page.get("calls")) {
            if (callSid.equals(call.get("callSid").asText())) {
                return call;
            }
        }
        throw new AssertionError("call " + callSid + " is not listed: " + page);
    }

    public String outcome(String accountId, String callSid) {
        return get(accountId, callSid).get("outcome").asText();
    }

    public JsonNode list(String pathAndQuery) {
        var response = app.getAsAdmin(pathAndQuery);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        try {
            return JSON.readTree(response.body());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Runs the call's recipe jobs and sends its texts whatever their due time (waits and retry waits
     * included), as the job executor and the send worker would once they are due, until nothing is
     * left that may run; failed attempts count down the retries.
     */
    public void runRecipe(String accountId, String callSid) {
        String instanceId = get(accountId, callSid).get("processInstanceId").asText();
        for (int step = 0; step < 20; step++) {
            Job job = management.createJobQuery().processInstanceId(instanceId).withRetriesLeft().list().stream()
                    .findFirst().orElse(null);
            if (job != null) {
                try {
                    management.executeJob(job.getId());
                } catch (RuntimeException failedAttempt) {
                    // the engine recorded the failure on the job, as the job executor would
                }
                continue;
            }
            var text = externalTasks.createExternalTaskQuery().processInstanceId(instanceId).withRetriesLeft().list()
                    .stream().findFirst().orElse(null);
            if (text == null) {
                return;
            }
            // A failed send waits out its retry interval locked; the test does not wait.
            externalTasks.unlock(text.getId());
            sendTexts.sendDue();
        }
        throw new AssertionError("the recipe of " + callSid + " still has jobs after 20 steps");
    }

    /** Runs only the jobs of the call's recipe that are due now by the engine's clock, then sends the texts due. */
    public void runDueJobs(String accountId, String callSid) {
        String instanceId = get(accountId, callSid).get("processInstanceId").asText();
        for (Job job : management.createJobQuery().processInstanceId(instanceId).executable().list()) {
            try {
                management.executeJob(job.getId());
            } catch (RuntimeException failedAttempt) {
                // recorded on the job
            }
        }
        sendTexts.sendDue();
    }
}

package io.textback.system;

import org.slf4j.MDC;

/**
 * The ids every log line of a call's work carries (MDC keys, also the JSON fields of structured
 * logs): the call, its account and its recipe instance. {@code processInstanceId} is the key the
 * engine itself sets while it runs an instance.
 */
public final class CallLogContext {

    public static final String CALL_SID = "callSid";
    public static final String ACCOUNT_ID = "accountId";
    public static final String PROCESS_INSTANCE_ID = "processInstanceId";

    private CallLogContext() {
    }

    public static void call(String callSid, String accountId) {
        putIfPresent(CALL_SID, callSid);
        putIfPresent(ACCOUNT_ID, accountId);
    }

    public static void processInstance(String processInstanceId) {
        putIfPresent(PROCESS_INSTANCE_ID, processInstanceId);
    }

    public static void clear() {
        MDC.remove(CALL_SID);
        MDC.remove(ACCOUNT_ID);
        MDC.remove(PROCESS_INSTANCE_ID);
    }

    private static void putIfPresent(String key, String value) {
        if (value != null) {
            MDC.put(key, value);
        }
    }
}

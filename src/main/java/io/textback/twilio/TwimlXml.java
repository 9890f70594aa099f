package io.textback.twilio;

import com.twilio.twiml.TwiML;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * TwiML answers as XML, each distinct answer written once. The SDK's {@link TwiML#toXml()} builds a
 * new XML parser and transformer for every answer (14% of the CPU of the missed-call webhook under
 * load), while the answers repeat: the voicemail of one account with one greeting is the same for
 * every call. Answers are told apart by their content (TwiML's own {@code equals}), so the XML is
 * always the SDK's own for that content; at most {@link #KEPT} are kept, then they are written again.
 */
final class TwimlXml {

    static final int KEPT = 256;
    private static final Map<TwiML, String> WRITTEN = new ConcurrentHashMap<>();

    private TwimlXml() {
    }

    static String of(TwiML answer) {
        String xml = WRITTEN.get(answer);
        if (xml == null) {
            xml = answer.toXml();
            if (WRITTEN.size() >= KEPT) {
                WRITTEN.clear();
            }
            WRITTEN.put(answer, xml);
        }
        return xml;
    }

    static int kept() {
        return WRITTEN.size();
    }
}

package io.textback.messaging;

import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Fills merge fields such as {@code {{contact.first_name}}} or, with a fallback for an unknown or
 * empty field, {@code {{contact.first_name|there}}}. A field that stays empty leaves no double
 * spaces and no space before punctuation ("Hi , thanks" becomes "Hi, thanks").
 */
public final class MessageTemplate {

    public static final String CONTACT_FIRST_NAME = "contact.first_name";
    public static final String CONTACT_LAST_NAME = "contact.last_name";
    public static final String CONTACT_NAME = "contact.name";
    public static final String CONTACT_PHONE = "contact.phone";
    public static final String BUSINESS_NAME = "business.name";
    public static final String BUSINESS_PHONE = "business.phone";
    /** When the business next opens by its business hours, e.g. "tomorrow at 9:00 AM"; empty while open. */
    public static final String BUSINESS_OPENS_AT = "business.opens_at";

    /** A merge field as the settings page offers it. */
    public record Field(String field, String label) {
    }

    /**
     * Every merge field this product fills, in the order the settings page offers them: the one list.
     * Saving a message checks against it, the settings page gets it from {@code /api/settings/choices},
     * and the "Send text" element template's copy (Modeler reads only JSON) is tested against it.
     */
    public static final List<Field> FIELDS = List.of(
            new Field(CONTACT_FIRST_NAME, "First name"),
            new Field(CONTACT_LAST_NAME, "Last name"),
            new Field(CONTACT_NAME, "Full name"),
            new Field(CONTACT_PHONE, "Caller's number"),
            new Field(BUSINESS_NAME, "Business name"),
            new Field(BUSINESS_PHONE, "Business number"),
            new Field(BUSINESS_OPENS_AT, "Opens at"));

    private static final Pattern FIELD = Pattern.compile("\\{\\{\\s*([a-z_]+\\.[a-z_]+)\\s*(?:\\|([^}]*))?}}");
    private static final Pattern SPACES = Pattern.compile("[ \\t]{2,}");
    private static final Pattern SPACE_BEFORE_PUNCTUATION = Pattern.compile("[ \\t]+([,.!?;:])");

    private MessageTemplate() {
    }

    public static String render(String template, Map<String, String> fields) {
        Matcher m = FIELD.matcher(template);
        var out = new StringBuilder();
        while (m.find()) {
            String value = fields.get(m.group(1));
            if (value == null || value.isBlank()) {
                value = m.group(2) == null ? "" : m.group(2).trim();
            }
            m.appendReplacement(out, Matcher.quoteReplacement(value.trim()));
        }
        m.appendTail(out);
        String text = SPACE_BEFORE_PUNCTUATION.matcher(out).replaceAll("$1");
        return SPACES.matcher(text).replaceAll(" ").strip();
    }

    /** The merge fields a template uses that this product does not know, so a typo is caught on save. */
    public static List<String> unknownFields(String template) {
        var known = FIELDS.stream().map(Field::field).collect(Collectors.toSet());
        return FIELD.matcher(template).results().map(r -> r.group(1)).filter(f -> !known.contains(f)).distinct()
                .toList();
    }
}

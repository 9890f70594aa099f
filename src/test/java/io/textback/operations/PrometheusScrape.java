package io.textback.operations;

import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/** One scrape of /actuator/prometheus (the text format), read as Prometheus reads it. */
record PrometheusScrape(String text) {

    private static final Pattern SAMPLE = Pattern.compile("^([a-zA-Z_:][a-zA-Z0-9_:]*)(\\{[^}]*})? (\\S+)$",
            Pattern.MULTILINE);

    /** Names of every sample (histograms as their _bucket, _count and _sum). */
    Set<String> sampleNames() {
        return SAMPLE.matcher(text).results().map(match -> match.group(1)).collect(Collectors.toSet());
    }

    /** The sum of a metric's samples whose labels include all of {@code labels}; 0 when there is none. */
    double value(String name, Map<String, String> labels) {
        double sum = 0;
        Matcher matcher = SAMPLE.matcher(text);
        while (matcher.find()) {
            String sampleLabels = matcher.group(2) == null ? "" : matcher.group(2);
            if (matcher.group(1).equals(name) && labels.entrySet().stream()
                    .allMatch(label -> sampleLabels.contains(label.getKey() + "=\"" + label.getValue() + "\""))) {
                sum += Double.parseDouble(matcher.group(3));
            }
        }
        return sum;
    }
}

package io.textback.production;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The instructions of a Dockerfile, read as Docker reads them (continued lines joined, comments
 * dropped), and replayed without Docker: every container path lives under one folder on this
 * machine, so a test can build and start what the image would hold.
 */
final class Dockerfile {

    record Instruction(String keyword, String arguments) {
    }

    record Stage(String name, List<Instruction> instructions) {
    }

    private static final Pattern ABSOLUTE_PATH = Pattern.compile("(?<=^|[\\s=])/(?=[A-Za-z])");
    /** One {@code NAME=value} of an {@code ENV}, the value quoted or a single word. */
    private static final Pattern ENV_PAIR = Pattern.compile("([^\\s=]+)=(\"[^\"]*\"|\\S*)");

    private final List<Stage> stages;

    private Dockerfile(List<Stage> stages) {
        this.stages = stages;
    }

    static Dockerfile read(Path file) throws IOException {
        List<Stage> stages = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        for (String line : Files.readAllLines(file)) {
            String trimmed = line.trim();
            if (trimmed.startsWith("#") || (trimmed.isEmpty() && current.isEmpty())) {
                continue;
            }
            if (trimmed.endsWith("\\")) {
                current.append(trimmed, 0, trimmed.length() - 1).append(' ');
                continue;
            }
            current.append(trimmed);
            String[] parts = current.toString().trim().split("\\s+", 2);
            current.setLength(0);
            var instruction = new Instruction(parts[0].toUpperCase(), parts.length > 1 ? parts[1].trim() : "");
            if (instruction.keyword().equals("FROM")) {
                String[] from = instruction.arguments().split("\\s+(?i:as)\\s+");
                stages.add(new Stage(from.length > 1 ? from[1].trim() : String.valueOf(stages.size()), new ArrayList<>()));
            }
            stages.get(stages.size() - 1).instructions().add(instruction);
        }
        return new Dockerfile(stages);
    }

    List<Stage> stages() {
        return stages;
    }

    Stage last() {
        return stages.get(stages.size() - 1);
    }

    /** A container path as a path under {@code root}; a relative one is taken from {@code workdir}. */
    static Path onHost(Path root, String workdir, String containerPath) {
        String absolute = containerPath.startsWith("/") ? containerPath
                : (workdir.endsWith("/") ? workdir : workdir + "/") + containerPath;
        return root.resolve(absolute.substring(1)).normalize();
    }

    /** A shell command with its absolute container paths moved under {@code root}. */
    static String commandOnHost(Path root, String command) {
        return ABSOLUTE_PATH.matcher(command).replaceAll(java.util.regex.Matcher.quoteReplacement(root + "/"));
    }

    /** The exec form of ENTRYPOINT or CMD: a JSON array. */
    static List<String> execForm(String arguments) throws IOException {
        return new ObjectMapper().readValue(arguments, new TypeReference<List<String>>() {
        });
    }

    /** {@code ENV A=1 B="two words"} or {@code ENV A 1}. */
    static Map<String, String> env(String arguments) {
        Map<String, String> env = new LinkedHashMap<>();
        if (!arguments.contains("=")) {
            String[] pair = arguments.split("\\s+", 2);
            env.put(pair[0], pair[1]);
            return env;
        }
        var pairs = ENV_PAIR.matcher(arguments);
        while (pairs.find()) {
            env.put(pairs.group(1), unquote(pairs.group(2)));
        }
        return env;
    }

    private static String unquote(String value) {
        return value.length() > 1 && value.startsWith("\"") && value.endsWith("\"")
                ? value.substring(1, value.length() - 1) : value;
    }
}

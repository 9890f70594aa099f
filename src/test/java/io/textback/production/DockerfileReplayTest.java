package io.textback.production;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.textback.support.AppClient;
import io.textback.support.AppProcess;
import io.textback.support.AppProcessTest;
import io.textback.support.Postgres;
import io.textback.support.RequiresService;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.ResourceLock;
import org.junit.jupiter.api.io.TempDir;

/**
 * No Docker engine runs here, so this replays src/main/docker/Dockerfile by hand: the build stage's
 * COPYs (minus .dockerignore) into an empty folder, its RUN commands with no Node on the PATH and
 * Maven offline, then the final stage's files, ENV, the RUNs that start Java (the class-data training)
 * and ENTRYPOINT, started against PostgreSQL as the image would start. Whatever the Dockerfile says is
 * what runs: a change to it changes this test.
 */
@AppProcessTest
@ResourceLock(AppProcessTest.TURNS)
class DockerfileReplayTest {

    static final Path CONTEXT = Path.of("").toAbsolutePath();
    static final Path DOCKERFILE = CONTEXT.resolve("src/main/docker/Dockerfile");
    static final List<String> NODE_TOOLS = List.of("node", "nodejs", "npm", "npx", "corepack");
    static final Pattern JAVA_COMMAND = Pattern.compile("(^|\\s)java\\s");
    /**
     * Maven offline from the local repository, as this machine's network is limited (Docker's is
     * not). Files there may be recorded as fetched through a mirror; offline, Maven trusts them only
     * without its per-repository records.
     */
    static final String MAVEN_OFFLINE = "-o -Daether.enhancedLocalRepository.trackingFilename=.offline-replay";

    @TempDir
    Path root;

    @Test
    void imageBuildsWithoutNodeAndStartsHealthyOnPostgres() throws Exception {
        RequiresService.require("Dockerfile replay", Postgres.unavailableBecause());
        Dockerfile dockerfile = Dockerfile.read(DOCKERFILE);
        DockerIgnore ignore = DockerIgnore.read(CONTEXT);
        Path pathWithoutNode = pathWithoutNode();

        for (Dockerfile.Stage stage : dockerfile.stages()) {
            if (stage != dockerfile.last()) {
                build(stage, ignore, pathWithoutNode);
            }
        }
        Image image = assemble(dockerfile.last(), ignore, pathWithoutNode);

        assertThat(image.user()).as("USER of the image").isNotBlank().isNotIn("root", "0");
        assertThat(image.env()).containsKey("TEXTBACK_RECIPES_DIR");
        assertThat(image.healthPath()).isEqualTo("/actuator/health");

        try (Postgres database = Postgres.createDatabase()) {
            Map<String, String> env = new HashMap<>(image.env());
            env.put("SPRING_PROFILES_ACTIVE", "postgres");
            env.put("TEXTBACK_DB_URL", database.url());
            env.put("TEXTBACK_DB_USER", database.user());
            env.put("TEXTBACK_ADMIN_PASSWORD", AppClient.ADMIN_PASSWORD);
            // As for every app the tests start: the quick compiler only, so that it starts sooner on a
            // test machine. The ENTRYPOINT's own options still apply. -Xshare:on: a JVM that cannot map the
            // image's class-data archive refuses to start instead of starting slower.
            env.put("JAVA_TOOL_OPTIONS", "-XX:TieredStopAtLevel=1 -XX:+UseSerialGC -Xshare:on");

            Map<String, String> simulated = new HashMap<>(env);
            simulated.put("TEXTBACK_SIMULATE_TEXTS", "true");
            simulated.put("TEXTBACK_LOG_FORMAT", "ecs");
            int port = AppProcess.freePort();
            // The one without Twilio credentials stops before it touches the database; the other starts once it has
            // (one app starts at a time, AppProcess).
            try (AppProcess refused = AppProcess.start("image-without-twilio", AppProcess.freePort(),
                         image.entrypoint(), image.workdir(), env);
                 AppProcess app = AppProcess.start("image", port, image.entrypoint(), image.workdir(), simulated)) {
                // Production without Twilio credentials is a mistake the app refuses to make silently.
                assertThat(refused.awaitExit(Duration.ofSeconds(60))).isNotZero();
                assertThat(String.join("\n", refused.logLines()))
                        .contains("Twilio credentials missing (TWILIO_ACCOUNT_SID TWILIO_AUTH_TOKEN not set)")
                        .contains("TEXTBACK_SIMULATE_TEXTS=true");

                // Beside the whole suite on 2 cores this start took 105 s in two runs (41 s alone); the benchmark,
                // not this test, measures how fast the app starts.
                app.awaitHealthy(AppProcess.START_LIMIT);
                // The java launcher says so when it applies the image's JDK_JAVA_OPTIONS (the compiler setting).
                assertThat(String.join("\n", app.logLines())).contains("Picked up JDK_JAVA_OPTIONS: "
                        + image.env().get("JDK_JAVA_OPTIONS"));
                var client = new AppClient(port);

                var health = new ObjectMapper().readTree(client.get(image.healthPath()).body());
                assertThat(health.at("/components/textback/details/textsSimulated").asBoolean()).isTrue();
                assertThat(health.at("/components/textback/details/jobExecutor").asText()).isEqualTo("running");

                // The recipes deployed are the image's, from the fixed path its ENV names.
                var resources = client.getAsAdmin("/engine-rest/process-definition?key=missed-call-text-back-once");
                assertThat(resources.body()).contains(Path.of(image.env().get("TEXTBACK_RECIPES_DIR"))
                        .resolve("missed-call-text-back-once.bpmn").toString());

                // No auth token and the default setting: an unsigned webhook from this very machine is refused.
                var unsigned = client.twilioUnsigned("/twilio/voice/dial-complete", Map.of("CallSid", "CA1",
                        "From", "+14155550123", "To", "+15005550006", "DialCallStatus", "no-answer"), null);
                assertThat(unsigned.statusCode()).isEqualTo(403);

                // TEXTBACK_LOG_FORMAT=ecs: one JSON object a line, a call's lines with its ids as fields.
                var call = new ObjectMapper().readTree(client.sendAsAdmin("POST",
                        "/api/accounts/demo/simulated-calls", "{\"from\":\"+14155550123\"}").body());
                String missed = await().atMost(Duration.ofSeconds(10)).until(() -> app.logLines().stream()
                        .filter(line -> line.contains("Missed call from +14155550123")).findFirst(),
                        java.util.Optional::isPresent).orElseThrow();
                var json = new ObjectMapper().readTree(missed);
                assertThat(json.path("@timestamp").asText()).isNotEmpty();
                assertThat(json.path("callSid").asText()).isEqualTo(call.path("callId").asText()).startsWith("SIM");
                assertThat(json.path("accountId").asText()).isEqualTo("demo");
                assertThat(json.path("processInstanceId").asText()).isEqualTo(call.path("processInstanceId").asText())
                        .isNotEmpty();
            }
        }
    }

    record Image(Path workdir, Map<String, String> env, List<String> entrypoint, String user, String healthPath) {
    }

    /** COPY and RUN of a build stage, each RUN in a shell with Maven offline and no Node on the PATH. */
    private void build(Dockerfile.Stage stage, DockerIgnore ignore, Path pathWithoutNode) throws Exception {
        String workdir = "/";
        Map<String, String> env = new HashMap<>();
        for (Dockerfile.Instruction instruction : stage.instructions()) {
            switch (instruction.keyword()) {
                case "WORKDIR" -> workdir = containerPath(workdir, instruction.arguments());
                case "ENV" -> env.putAll(Dockerfile.env(instruction.arguments()));
                case "COPY" -> copy(instruction.arguments(), workdir, ignore);
                case "RUN" -> run(instruction.arguments(), workdir, env, pathWithoutNode);
                default -> {
                    // FROM, ARG, LABEL...: nothing to replay for the files the stage produces.
                }
            }
        }
    }

    /**
     * The final stage: its files, environment, user and entrypoint, and the RUNs that start Java. Its other
     * RUNs install packages and add the user as root: not replayed.
     */
    private Image assemble(Dockerfile.Stage stage, DockerIgnore ignore, Path pathWithoutNode) throws Exception {
        String workdir = "/";
        Map<String, String> env = new HashMap<>();
        List<String> entrypoint = List.of();
        String user = null;
        String healthPath = null;
        for (Dockerfile.Instruction instruction : stage.instructions()) {
            switch (instruction.keyword()) {
                case "WORKDIR" -> workdir = containerPath(workdir, instruction.arguments());
                case "ENV" -> Dockerfile.env(instruction.arguments()).forEach((name, value) -> env.put(name,
                        value.startsWith("/") ? Dockerfile.onHost(root, "/", value).toString() : value));
                case "COPY" -> copy(instruction.arguments(), workdir, ignore);
                case "RUN" -> {
                    if (JAVA_COMMAND.matcher(instruction.arguments()).find()) {
                        run(instruction.arguments(), workdir, env, pathWithoutNode);
                    }
                }
                case "USER" -> user = instruction.arguments();
                case "HEALTHCHECK" -> {
                    Matcher url = Pattern.compile("https?://localhost(:\\d+)?(/\\S*)").matcher(instruction.arguments());
                    healthPath = url.find() ? url.group(2) : null;
                }
                case "ENTRYPOINT" -> entrypoint = Dockerfile.execForm(instruction.arguments()).stream()
                        .map(argument -> argument.equals("java") ? AppProcess.java() : Dockerfile.commandOnHost(root, argument))
                        .toList();
                default -> {
                }
            }
        }
        Files.createDirectories(Dockerfile.onHost(root, "/", workdir));
        return new Image(Dockerfile.onHost(root, "/", workdir), env, entrypoint, user, healthPath);
    }

    private void copy(String arguments, String workdir, DockerIgnore ignore) throws IOException {
        List<String> words = new ArrayList<>(List.of(arguments.split("\\s+")));
        boolean fromStage = words.get(0).startsWith("--from=");
        words.removeIf(word -> word.startsWith("--"));
        String destination = words.remove(words.size() - 1);
        Path target = Dockerfile.onHost(root, workdir, destination);
        boolean intoFolder = destination.endsWith("/") || words.size() > 1;
        for (String source : words) {
            Path from = fromStage ? Dockerfile.onHost(root, "/", source) : CONTEXT.resolve(source);
            Path to = intoFolder && !Files.isDirectory(from) ? target.resolve(from.getFileName().toString()) : target;
            copyTree(from, to, fromStage ? null : ignore);
        }
    }

    /** A folder's contents (as COPY copies them) or one file, leaving out what .dockerignore names. */
    private static void copyTree(Path from, Path to, DockerIgnore ignore) throws IOException {
        try (Stream<Path> files = Files.walk(from)) {
            for (Path file : (Iterable<Path>) files::iterator) {
                if (ignore != null && ignore.ignores(CONTEXT.relativize(file))) {
                    continue;
                }
                Path target = to.resolve(from.relativize(file).toString());
                if (Files.isDirectory(file)) {
                    Files.createDirectories(target);
                } else {
                    Files.createDirectories(target.getParent());
                    Files.copy(file, target, java.nio.file.StandardCopyOption.COPY_ATTRIBUTES);
                }
            }
        }
    }

    private void run(String command, String workdir, Map<String, String> env, Path pathWithoutNode) throws Exception {
        String onHost = Dockerfile.commandOnHost(root, command.replace("./mvnw ", "./mvnw " + MAVEN_OFFLINE + " "));
        Path directory = Files.createDirectories(Dockerfile.onHost(root, "/", workdir));
        var builder = new ProcessBuilder("sh", "-c", onHost).directory(directory.toFile()).redirectErrorStream(true);
        builder.environment().putAll(env);
        builder.environment().put("PATH", pathWithoutNode.toString());
        Path log = root.resolve("build-" + System.nanoTime() + ".log");
        Process process = builder.redirectOutput(log.toFile()).start();
        assertThat(process.waitFor(10, TimeUnit.MINUTES)).as("RUN " + command + " finished").isTrue();
        assertThat(process.exitValue()).as("RUN " + command + " failed:\n" + Files.readString(log)).isZero();
    }

    /** A folder of links to every program on this PATH except Node's, as the JDK image has none. */
    private Path pathWithoutNode() throws IOException {
        Path bin = Files.createDirectories(root.resolve("path-without-node"));
        for (String folder : System.getenv("PATH").split(java.io.File.pathSeparator)) {
            Path dir = Path.of(folder);
            if (!Files.isDirectory(dir)) {
                continue;
            }
            try (Stream<Path> programs = Files.list(dir)) {
                for (Path program : (Iterable<Path>) programs::iterator) {
                    Path link = bin.resolve(program.getFileName().toString());
                    if (!NODE_TOOLS.contains(program.getFileName().toString()) && !Files.exists(link, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
                        Files.createSymbolicLink(link, program);
                    }
                }
            }
        }
        // The JDK the tests run on stands for the image's JDK.
        Path java = Path.of(AppProcess.java());
        Files.deleteIfExists(bin.resolve("java"));
        Files.createSymbolicLink(bin.resolve("java"), java);
        return bin;
    }

    private static String containerPath(String workdir, String path) {
        return path.startsWith("/") ? path : (workdir.endsWith("/") ? workdir : workdir + "/") + path;
    }
}

package io.textback.support;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The app as a separate JVM, started with environment variables as an operator would, so a test
 * can kill it (SIGKILL, no shutdown hooks) and start it again on the same database.
 * <p>
 * One app starts at a time in this JVM ({@link #STARTING}): the app-process tests run beside each other
 * and beside the rest of the suite, and three apps starting at once on two cores took minutes where one
 * takes 15 seconds. A start waits for the one before it to be healthy, to exit or to be closed.
 */
public final class AppProcess implements AutoCloseable {

    private static final Semaphore STARTING = new Semaphore(1, true);

    private final Process process;
    private final int port;
    private final Path log;
    private final AtomicBoolean starting = new AtomicBoolean(true);

    private AppProcess(Process process, int port, Path log) {
        this.process = process;
        this.port = port;
        this.log = log;
        process.onExit().thenRun(this::started);
    }

    /** Lets the next app start: this one is healthy, has exited, or is being closed. */
    private void started() {
        if (starting.compareAndSet(true, false)) {
            STARTING.release();
        }
    }

    public static AppProcess start(String name, int port, Map<String, String> environment) {
        // Tests start many apps: a small heap, the quick compiler and one GC thread start them fastest.
        return start(name, port, environment, List.of("-Xmx512m", "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC"),
                String.join(java.io.File.pathSeparator, appClasspath()));
    }

    /**
     * The app as the image runs it in a container limited to 512 MB (the ENTRYPOINT's
     * MaxRAMPercentage=75 of that: a 384 MB heap), with the image's {@code JDK_JAVA_OPTIONS} (the quick
     * compiler only, the serial collector) and its class-data archive, made as the image makes it
     * ({@link #imageClassData()}). For benchmarks.
     */
    public static AppProcess startAsInProduction(String name, int port, Map<String, String> environment) {
        ImageClassData image = imageClassData();
        return start(name, port, environment, List.of("-XX:MaxRAM=512m", "-XX:MaxRAMPercentage=75",
                "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-XX:SharedArchiveFile=" + image.archive()),
                image.classpath());
    }

    /** The app's classes in a jar beside its libraries' jars, and the archive a training start made of them. */
    private record ImageClassData(String classpath, Path archive) {
    }

    private static ImageClassData imageClassData;

    /**
     * As the image's build does (src/main/docker/Dockerfile): the app's classes in a jar, as the JVM shares
     * class data only from jars, and a training start on an in-memory H2 that stops once the app is built
     * and writes the classes it loaded to an archive. Made once per test JVM, in target/image.
     */
    private static synchronized ImageClassData imageClassData() {
        if (imageClassData != null) {
            return imageClassData;
        }
        try {
            Path folder = Files.createDirectories(Path.of("target", "image")).toAbsolutePath();
            Path archive = folder.resolve("textback.jsa");
            Files.deleteIfExists(archive);
            List<String> entries = new ArrayList<>();
            for (String entry : appClasspath()) {
                if (Files.isDirectory(Path.of(entry))) {
                    Path classesJar = folder.resolve("textback-classes-" + entries.size() + ".jar");
                    Files.deleteIfExists(classesJar);
                    int made = java.util.spi.ToolProvider.findFirst("jar").orElseThrow()
                            .run(System.out, System.err, "cf", classesJar.toString(), "-C", entry, ".");
                    if (made != 0) {
                        throw new IllegalStateException("jar of " + entry + " failed: " + made);
                    }
                    entry = classesJar.toString();
                }
                entries.add(entry);
            }
            String classpath = String.join(java.io.File.pathSeparator, entries);
            Path log = folder.resolve("training.log");
            var training = new ProcessBuilder(java(), "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC",
                    "-XX:ArchiveClassesAtExit=" + archive, "-Xlog:cds=error", "-Dspring.context.exit=onRefresh",
                    "-cp", classpath, "io.textback.TextbackApplication")
                    .redirectErrorStream(true).redirectOutput(log.toFile());
            training.environment().put("TEXTBACK_DB_URL", "jdbc:h2:mem:training");
            Process process = training.start();
            if (!process.waitFor(5, java.util.concurrent.TimeUnit.MINUTES) || process.exitValue() != 0
                    || !Files.exists(archive)) {
                process.destroyForcibly();
                throw new IllegalStateException("The class-data training start failed; its log: " + log);
            }
            imageClassData = new ImageClassData(classpath, archive);
            return imageClassData;
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static AppProcess start(String name, int port, Map<String, String> environment, List<String> jvmOptions,
                                    String classpath) {
        List<String> command = new ArrayList<>(List.of(java()));
        command.addAll(jvmOptions);
        command.addAll(List.of("-cp", classpath, "io.textback.TextbackApplication"));
        return start(name, port, command, Path.of("."), environment);
    }

    /** The app's own classes and libraries, without the tests' classes and their test configuration. */
    private static List<String> appClasspath() {
        return java.util.Arrays.stream(System.getProperty("surefire.test.class.path",
                        System.getProperty("java.class.path")).split(java.io.File.pathSeparator))
                .filter(entry -> !entry.endsWith("test-classes"))
                .toList();
    }

    /** The JVM running the tests, to start the app with. */
    public static String java() {
        return ProcessHandle.current().info().command().orElse("java");
    }

    /** The app started by the given command (a jar, as a container would), in the given folder. */
    public static AppProcess start(String name, int port, List<String> command, Path directory,
                                   Map<String, String> environment) {
        STARTING.acquireUninterruptibly();
        try {
            Path log = Files.createDirectories(Path.of("target", "app-processes")).toAbsolutePath()
                    .resolve(name + ".log");
            var builder = new ProcessBuilder(command).directory(directory.toFile()).redirectErrorStream(true)
                    .redirectOutput(log.toFile());
            builder.environment().putAll(environment);
            builder.environment().put("PORT", String.valueOf(port));
            return new AppProcess(builder.start(), port, log);
        } catch (IOException | RuntimeException e) {
            STARTING.release();
            throw new IllegalStateException(e);
        }
    }

    public static int freePort() {
        try (var socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    public int port() {
        return port;
    }

    /** The app's resident memory, from /proc (Linux). */
    public String residentMemory() {
        try {
            return Files.readAllLines(Path.of("/proc", String.valueOf(process.pid()), "status")).stream()
                    .filter(line -> line.startsWith("VmRSS:")).map(line -> line.substring(6).trim())
                    .findFirst().orElse("unknown");
        } catch (IOException e) {
            return "unknown (" + e.getMessage() + ")";
        }
    }

    /**
     * CPU time the app has used so far, user and system, all its threads (the JIT compiler's and the
     * collector's too), from {@code /proc/<pid>/stat}; Linux reports it in clock ticks of 10 ms.
     */
    public long cpuMillis() {
        try {
            String stat = Files.readString(Path.of("/proc", String.valueOf(process.pid()), "stat"));
            String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            return (Long.parseLong(fields[11]) + Long.parseLong(fields[12])) * 10;
        } catch (IOException e) {
            throw new IllegalStateException("no CPU time of the app: " + e.getMessage(), e);
        }
    }

    /**
     * How long a test waits for a started app to be healthy. A start takes 5-10 s alone, but tests start
     * apps in parallel with the rest of the suite, and on a slow hour of a 2-core machine a restart took
     * longer than 90 s to be healthy while a cluster test and browser tests ran beside it.
     */
    public static final Duration START_LIMIT = Duration.ofSeconds(180);

    /** Waits until health is UP; fails with the app's log if it dies or takes longer than the limit. */
    public Duration awaitHealthy(Duration limit) {
        var http = HttpClient.newHttpClient();
        long start = System.nanoTime();
        while (System.nanoTime() - start < limit.toNanos()) {
            if (!process.isAlive()) {
                throw new IllegalStateException("app exited with " + process.exitValue() + "; log:\n" + tail());
            }
            try {
                var response = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port
                        + "/actuator/health")).timeout(Duration.ofSeconds(2)).build(), HttpResponse.BodyHandlers.ofString());
                if (response.statusCode() == 200 && response.body().contains("\"UP\"")) {
                    started();
                    return Duration.ofNanos(System.nanoTime() - start);
                }
            } catch (IOException e) {
                // not listening yet
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
            sleep(200);
        }
        throw new IllegalStateException("app not healthy within " + limit + "; log:\n" + tail());
    }

    /** Ends the JVM at once, as a crash or `kill -9` would. */
    public void kill() {
        process.destroyForcibly();
        try {
            process.waitFor();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Waits for the app to end by itself; fails with its log if it is still running after the limit. */
    public int awaitExit(Duration limit) {
        try {
            if (!process.waitFor(limit.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS)) {
                throw new IllegalStateException("app still running after " + limit + "; log:\n" + tail());
            }
            return process.exitValue();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** The whole log of the app's output. */
    public List<String> logLines() {
        try {
            return Files.readAllLines(log);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    public String tail() {
        try {
            List<String> lines = Files.readAllLines(log);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 60), lines.size()));
        } catch (IOException e) {
            return "(no log: " + e.getMessage() + ")";
        }
    }

    @Override
    public void close() {
        started();
        process.destroy();
        try {
            if (!process.waitFor(20, java.util.concurrent.TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}

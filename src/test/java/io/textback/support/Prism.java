package io.textback.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * Prism serving Twilio's own OpenAPI description of its 2010 API: a stand-in that refuses (422)
 * any request the SDK makes that breaks Twilio's contract. Installed from npm as the tests begin.
 */
public final class Prism implements AutoCloseable {

    static final Path PACKAGE = Path.of("src", "test", "prism");
    static final Path SPEC = Path.of("..", "shared", "twilio-oai", "twilio_api_v2010.json");
    static final Path BIN = PACKAGE.resolve("node_modules/.bin/prism");

    private static CompletableFuture<Void> installation;

    private final Process process;
    private final int port;

    private Prism(Process process, int port) {
        this.process = process;
        this.port = port;
    }

    /** Why Prism cannot run here, or null when it can. */
    public static String unavailableBecause() {
        if (!Files.exists(SPEC)) {
            return "Twilio's OpenAPI description is not at " + SPEC.toAbsolutePath();
        }
        if (!Files.isExecutable(Path.of("/usr/bin/npm")) && !onPath("npm")) {
            return "npm is not installed";
        }
        return null;
    }

    /**
     * Installs Prism from npm unless it is installed, once, in a thread of its own: {@link InstallPrismAtStart}
     * begins it as the tests begin, so that the test that needs Prism finds it installed.
     */
    public static synchronized CompletableFuture<Void> install() {
        if (installation == null) {
            installation = CompletableFuture.runAsync(() -> {
                if (!Files.exists(BIN)) {
                    run(List.of("npm", "ci", "--no-audit", "--no-fund", "--prefix", PACKAGE.toString()),
                            Duration.ofMinutes(5));
                }
            }, task -> {
                Thread thread = new Thread(task, "prism-install");
                thread.setDaemon(true);
                thread.start();
            });
        }
        return installation;
    }

    public static Prism start() {
        try {
            install().join();
            int port = AppProcess.freePort();
            Path log = Files.createDirectories(Path.of("target")).resolve("prism.log");
            Process process = new ProcessBuilder(BIN.toAbsolutePath().toString(), "mock", "--errors", "-h", "127.0.0.1",
                    "-p", String.valueOf(port), SPEC.toAbsolutePath().toString())
                    .redirectErrorStream(true).redirectOutput(log.toFile()).start();
            long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
            while (System.nanoTime() < deadline) {
                if (Files.readString(log).contains("Prism is listening")) {
                    return new Prism(process, port);
                }
                if (!process.isAlive()) {
                    break;
                }
                Thread.sleep(250);
            }
            process.destroyForcibly();
            throw new IllegalStateException("Prism did not start; see " + log.toAbsolutePath());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    public String baseUrl() {
        return "http://127.0.0.1:" + port;
    }

    /** What Prism said about the requests it received: contract violations are logged there. */
    public String log() {
        try {
            return Files.readString(Path.of("target", "prism.log"));
        } catch (IOException e) {
            return "";
        }
    }

    @Override
    public void close() {
        process.destroy();
    }

    private static boolean onPath(String command) {
        for (String dir : System.getenv().getOrDefault("PATH", "").split(java.io.File.pathSeparator)) {
            if (Files.isExecutable(Path.of(dir, command))) {
                return true;
            }
        }
        return false;
    }

    private static void run(List<String> command, Duration limit) {
        try {
            // Never inherit this JVM's streams: Surefire talks to its test JVM over them.
            Path log = Files.createDirectories(Path.of("target")).resolve("prism-install.log");
            Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
            if (!process.waitFor(limit.toSeconds(), java.util.concurrent.TimeUnit.SECONDS) || process.exitValue() != 0) {
                process.destroyForcibly();
                throw new IllegalStateException(String.join(" ", command) + " failed; see " + log.toAbsolutePath());
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}

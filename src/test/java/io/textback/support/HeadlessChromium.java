package io.textback.support;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserType;
import com.microsoft.playwright.Playwright;

/**
 * Debian's Chromium driven by Playwright. Playwright must never download a browser of its own (it
 * cannot here), so it is pointed at the installed one; when that is missing, CI fails and a
 * developer's run skips with a banner nobody can miss.
 */
public final class HeadlessChromium implements AutoCloseable {

    public static final Path EXECUTABLE = Path.of("/usr/bin/chromium");
    private static final Map<String, String> NO_DOWNLOAD = Map.of("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1");

    private static HeadlessChromium shared;

    private final Playwright playwright;
    private final Browser browser;

    private HeadlessChromium() {
        playwright = Playwright.create(new Playwright.CreateOptions().setEnv(NO_DOWNLOAD));
        browser = playwright.chromium().launch(new BrowserType.LaunchOptions()
                .setExecutablePath(EXECUTABLE)
                .setHeadless(true)
                .setArgs(List.of("--no-sandbox", "--disable-gpu", "--disable-background-networking",
                        "--disable-component-update")));
    }

    /** Starts the browser, or fails (in CI) or skips (elsewhere) saying loudly that Chromium is missing. */
    public static HeadlessChromium launch() {
        RequiresService.require("Browser tests", Files.isExecutable(EXECUTABLE) ? null : EXECUTABLE
                + " is missing; install it with: apt-get install -y chromium fonts-noto-color-emoji");
        return new HeadlessChromium();
    }

    /**
     * One browser for every browser test class of the test JVM (they run one at a time), closed when
     * the JVM ends: each test opens a context of its own, which shares no cookies or storage.
     */
    public static synchronized HeadlessChromium shared() {
        if (shared == null) {
            shared = launch();
            Runtime.getRuntime().addShutdownHook(new Thread(shared::close, "close-chromium"));
        }
        return shared;
    }

    public Browser browser() {
        return browser;
    }

    @Override
    public void close() {
        browser.close();
        playwright.close();
    }
}

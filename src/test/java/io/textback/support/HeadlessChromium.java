package io.textback.support;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.BrowserType;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Playwright;

/**
 * Debian's Chromium driven by Playwright. Playwright must never download a browser of its own (it
 * cannot here), so it is pointed at the installed one; when that is missing, CI fails and a
 * developer's run skips with a banner nobody can miss.
 */
public final class HeadlessChromium implements AutoCloseable {

    public static final Path EXECUTABLE = Path.of("/usr/bin/chromium");
    private static final Map<String, String> NO_DOWNLOAD = Map.of("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1");

    /**
     * Browsers that no test class holds. Playwright may be used from any thread, one thread at a time: a
     * class takes a browser for its tests and gives it back when they are done, so that there are as many
     * browsers as browser test classes running at once, not one per test thread.
     */
    private static final Deque<HeadlessChromium> IDLE = new ArrayDeque<>();

    private final Playwright playwright;
    private final Browser browser;
    /** Per app (its base URL): the cookies of a session logged in as admin. */
    private final Map<String, String> loggedIn = new ConcurrentHashMap<>();

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
     * A browser for the calling test class's tests alone until it gives it back ({@link #giveBack}), closed
     * when the JVM ends: each test opens a context of its own, which shares no cookies or storage.
     */
    public static HeadlessChromium take() {
        synchronized (IDLE) {
            if (!IDLE.isEmpty()) {
                return IDLE.pop();
            }
        }
        HeadlessChromium chromium = launch();
        Runtime.getRuntime().addShutdownHook(new Thread(chromium::close, "close-chromium"));
        return chromium;
    }

    /** The class is done with this browser (null when it never got one): another class may take it. */
    public static void giveBack(HeadlessChromium chromium) {
        if (chromium != null) {
            synchronized (IDLE) {
                IDLE.push(chromium);
            }
        }
    }

    public Browser browser() {
        return browser;
    }

    /**
     * A new context (its own pages and cache) already logged in as admin to the app at this base URL:
     * the login form is filled once per app, and each context starts with that session's cookies.
     * Tests of the login itself open a plain context of {@link #browser()}.
     */
    public BrowserContext newLoggedInContext(String baseUrl, Browser.NewContextOptions options) {
        return browser.newContext(options.setStorageState(loggedIn.computeIfAbsent(baseUrl, this::logIn)));
    }

    private String logIn(String baseUrl) {
        try (BrowserContext context = browser.newContext()) {
            Page page = context.newPage();
            page.navigate(baseUrl + "/login");
            page.fill("#username", "admin");
            page.fill("#password", AppClient.ADMIN_PASSWORD);
            page.click("button[type=submit]");
            page.waitForCondition(() -> !page.url().contains("/login"));
            return context.storageState();
        }
    }

    @Override
    public void close() {
        browser.close();
        playwright.close();
    }
}

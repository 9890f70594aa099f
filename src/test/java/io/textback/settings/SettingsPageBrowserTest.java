package io.textback.settings;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.FilePayload;
import io.textback.accounts.Account;
import io.textback.accounts.AccountService;
import io.textback.support.AppClient;
import io.textback.support.Fixtures;
import io.textback.system.PhoneNumbers;
import io.textback.support.HeadlessChromium;
import io.textback.support.SimulatedAppTest;
import org.assertj.core.api.Assertions;
import org.camunda.community.process_test_coverage.core.engine.ExcludeFromProcessCoverage;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * The settings page in headless Chromium, used the way a business user does: log in, edit, save,
 * reload; send a test message; move the slider; upload a greeting. Shares its app with
 * {@link SettingsApiTest} (same configuration, so one context).
 */
@ExcludeFromProcessCoverage
@SimulatedAppTest
class SettingsPageBrowserTest {

    /** Where the README's screenshot is written; {@code -Dtextback.screenshot-dir=src/docs} refreshes it. */
    static final Path SCREENSHOT_DIR = Path.of(System.getProperty("textback.screenshot-dir", "target/screenshots"));

    static HeadlessChromium chromium;

    @LocalServerPort
    int port;
    @Autowired
    AccountService accounts;

    AppClient app;
    Account account;
    BrowserContext browser;
    Page page;

    @BeforeAll
    static void startBrowser() {
        chromium = HeadlessChromium.take();
    }

    @AfterAll
    static void giveBackBrowser() {
        HeadlessChromium.giveBack(chromium);
    }


    @BeforeEach
    void logIn() {
        app = new AppClient(port);
        account = Fixtures.newAccount(accounts, "Rossi Roofing");
        browser = chromium.newLoggedInContext(url(""), new com.microsoft.playwright.Browser.NewContextOptions()
                .setViewportSize(1100, 900));
        page = browser.newPage();
        page.navigate(url("/?account=" + account.id()));
        assertThat(page.locator("#account")).hasValue(account.id());
        assertThat(page.locator("#messageTemplate")).not().hasValue("");
    }

    @AfterEach
    void closeBrowser() {
        browser.close();
    }

    @Test
    void editedMessageCountsSegmentsAsTypedAndIsKeptAfterSaveAndReload() {
        var message = page.locator("#messageTemplate");
        message.fill("Hi , we missed your call. " + "We will call you back shortly. ".repeat(4));
        message.press("Control+Home");
        for (int i = 0; i < "Hi ".length(); i++) {
            message.press("ArrowRight");
        }
        page.click("#merge-fields button[data-field='contact.first_name']");
        assertThat(message).hasValue(Pattern.compile("^Hi \\{\\{contact.first_name}}, we missed.*"));
        assertThat(page.locator("#known-name")).hasText("Maria Lopez");
        assertThat(page.locator("#known-text")).hasText(Pattern.compile("^Hi Maria, we missed your call.*"));
        assertThat(page.locator("#unknown-text")).hasText(Pattern.compile("^Hi, we missed your call.*"));
        assertThat(page.locator("#known-count")).containsText("GSM-7 · 1 segment");

        message.press("End");
        page.keyboard().type(" 🙂");

        assertThat(page.locator("#known-count")).containsText("UCS-2 · 3 segments");
        String typed = message.inputValue();
        page.click("#save");
        assertThat(page.locator("#save-status")).hasText("Saved");
        page.reload();
        assertThat(page.locator("#messageTemplate")).hasValue(typed);
        assertThat(page.locator("#known-count")).containsText("UCS-2 · 3 segments");
    }

    @Test
    void emptyMessageIsRefusedInlineAndNothingIsSaved() {
        page.locator("#messageTemplate").fill("");
        page.click("#save");

        assertThat(page.locator("[data-error-for=messageTemplate]")).hasText("must not be empty");
        assertThat(page.locator("#save-status")).containsText("Not saved");
        page.reload();
        assertThat(page.locator("#messageTemplate")).hasValue(Pattern.compile("^Hi \\{\\{contact.first_name\\|there}}.*"));
    }

    @Test
    void testMessageIsShownAsSimulatedAndFoundInTheOutbox() {
        page.locator("#messageTemplate").fill("Test from {{business.name}} ✔ ready");
        page.fill("#test-to", "(415) 555-0168");
        page.click("#send-test");

        try {
            assertThat(page.locator("#test-outcome")).hasText("Simulated to +14155550168: not sent, kept in the outbox.");
        } catch (AssertionError e) {
            // The page empties the outcome when the API refuses a field: say which, and why.
            throw new AssertionError(e.getMessage() + "\nerrors beside the fields: "
                    + page.locator("[data-error-for]").evaluateAll(
                            "els => els.filter(e => e.textContent).map(e => e.dataset.errorFor + ': ' + e.textContent)")
                    + ", page at " + page.url(), e);
        }
        assertThat(page.locator("#test-to")).hasValue("+14155550168");
        assertThat(page.locator("#usage")).containsText("1 text, 1 segment (1 simulated)");

        page.click("#outbox-link");
        assertThat(page.locator("#outbox tbody tr")).hasCount(1);
        assertThat(page.locator("#outbox tbody tr").first()).containsText("+14155550168");
        assertThat(page.locator("#outbox tbody tr").first()).containsText("Test from Rossi Roofing ✔ ready");
    }

    @Test
    void invalidTestNumberIsRefusedNextToTheField() {
        page.fill("#test-to", "555");
        page.click("#send-test");

        assertThat(page.locator("[data-error-for=to]")).containsText(PhoneNumbers.NOT_A_PHONE_NUMBER);
    }

    @Test
    void movedSliderBecomesTheNextIncomingCallsDialTimeout() {
        var slider = page.locator("#callTimeoutSeconds");
        assertThat(page.locator("#timeout-value")).hasText("15");
        slider.focus();
        for (int i = 0; i < 10; i++) {
            slider.press("ArrowRight");
        }
        assertThat(page.locator("#timeout-value")).hasText("25");
        assertThat(page.locator("#timeout-advice")).containsText("Long");
        page.click("#save");
        assertThat(page.locator("#save-status")).hasText("Saved");

        String twiml = app.twilioUnsigned("/twilio/voice/incoming", Map.of("CallSid", Fixtures.newCallSid(),
                "From", Fixtures.newCaller(), "To", account.defaultNumber()), null).body();
        Assertions.assertThat(twiml).contains("<Dial", "timeout=\"25\"");
    }

    @Test
    void uploadedWavIsPlayedInThePageAndByTheVoicemailTwiml() throws Exception {
        byte[] wav = TestAudio.wav(1.0);
        page.setInputFiles("#greeting-file", new FilePayload("shop-greeting.wav", "audio/wav", wav));
        page.click("#greeting-upload");

        assertThat(page.locator("#greeting-outcome")).hasText("Uploaded: callers now hear shop-greeting.wav.");
        assertThat(page.locator("#greeting-name")).containsText("shop-greeting.wav");
        page.evaluate("document.getElementById('greeting-player').load()");
        page.waitForFunction("document.getElementById('greeting-player').duration > 0.9");

        String twiml = app.twilioUnsigned("/twilio/voice/dial-complete", Map.of("CallSid", Fixtures.newCallSid(),
                "From", Fixtures.newCaller(), "To", account.defaultNumber(), "DialCallStatus", "no-answer"),
                null).body();
        Matcher play = Pattern.compile("<Play>" + Pattern.quote(SettingsApiTest.PUBLIC_URL) + "(/[^<]+)</Play>")
                .matcher(twiml);
        Assertions.assertThat(play.find()).as(twiml).isTrue();
        Assertions.assertThat(app.getBytes(play.group(1)).body()).isEqualTo(wav);

        screenshot(wav);
    }

    @Test
    void textFileNamedMp3IsRefusedWithAClearError() {
        page.setInputFiles("#greeting-file", new FilePayload("greeting.mp3", "audio/mpeg",
                "Hello, this is a text file.".getBytes(StandardCharsets.UTF_8)));
        page.click("#greeting-upload");

        assertThat(page.locator("[data-error-for=file]"))
                .hasText("is not MP3 or WAV audio (its content was checked, not its name)");
        assertThat(page.locator("#greeting-current")).isHidden();
    }

    @Test
    void greetingOverTenMegabytesIsRefusedNextToTheFileInput(@TempDir Path folder) throws Exception {
        // From a file, as a user picks one: the browser reads it itself (a payload would be copied
        // through Playwright's driver, which takes half a minute for 10 MB).
        Path longWav = folder.resolve("long.wav");
        try (var out = Files.newOutputStream(longWav)) {
            out.write(new byte[GreetingAudio.MAX_BYTES + 1]);
        }
        page.setInputFiles("#greeting-file", longWav);
        page.click("#greeting-upload");

        assertThat(page.locator("[data-error-for=file]")).hasText("must be at most 10 MB");
        assertThat(page.locator("#greeting-outcome")).isEmpty();
        assertThat(page.locator("#greeting-current")).isHidden();
    }

    /** The README's picture: the page as a user finds it after trying a few things. */
    private void screenshot(byte[] wav) throws Exception {
        page.locator("#messageTemplate").fill("Hi {{contact.first_name|there}}, sorry we missed your call at "
                + "{{business.name}} 🙏 How can we help? Reply here and we'll get back to you.");
        page.fill("#test-to", "(415) 555-0123");
        page.click("#send-test");
        assertThat(page.locator("#test-outcome")).containsText("Simulated to +14155550123");
        assertThat(page.locator("#known-count")).containsText("UCS-2");
        Files.createDirectories(SCREENSHOT_DIR);
        page.screenshot(new Page.ScreenshotOptions().setPath(SCREENSHOT_DIR.resolve("settings-page.png"))
                .setFullPage(true));
    }

    private String url(String path) {
        return "http://127.0.0.1:" + port + path;
    }
}

package io.textback.settings;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;

import java.util.regex.Pattern;

import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Page;
import io.textback.accounts.Account;
import io.textback.accounts.AccountService;
import io.textback.support.AppClient;
import io.textback.support.Fixtures;
import io.textback.support.HeadlessChromium;
import io.textback.support.SimulatedAppTest;
import org.assertj.core.api.Assertions;
import org.camunda.community.process_test_coverage.core.engine.ExcludeFromProcessCoverage;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * The settings page's "Limits, landlines and quiet hours" section in headless Chromium: the limit is
 * saved and kept, the usage bar turns amber at 80% and says when the limit is reached, and a bad
 * value is refused next to its field. Shares its app with {@link SettingsPageBrowserTest}. Writes the
 * README's picture of the section to {@code target/screenshots/} ({@code -Dtextback.screenshot-dir=src/docs}
 * refreshes it).
 */
@ExcludeFromProcessCoverage
@SimulatedAppTest
class SendingRulesPageBrowserTest {

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
        account = Fixtures.newAccount(accounts, "Kowalski Kitchens");
        browser = chromium.newLoggedInContext("http://127.0.0.1:" + port,
                new com.microsoft.playwright.Browser.NewContextOptions().setViewportSize(1100, 900));
        page = browser.newPage();
        page.navigate("http://127.0.0.1:" + port + "/?account=" + account.id());
        assertThat(page.locator("#account")).hasValue(account.id());
        assertThat(page.locator("#usage-against-limit")).hasText("0 texts this month, no limit.");
    }

    @AfterEach
    void closeBrowser() {
        browser.close();
    }

    @Test
    void usageBarTurnsAmberAtEightyPercentAndSaysWhenTheLimitIsReached() {
        page.fill("#monthlyLimit", "5");
        page.click("#save-rules");
        assertThat(page.locator("#rules-status")).hasText("Saved.");
        assertThat(page.locator("#usage-against-limit")).hasText("0 of 5 texts this month.");
        assertThat(page.locator("#usage-meter")).hasAttribute("data-level", "ok");

        for (int i = 0; i < 4; i++) {
            sendTestMessage();
        }
        page.reload();
        assertThat(page.locator("#monthlyLimit")).hasValue("5");
        assertThat(page.locator("#usage-against-limit")).hasText("4 of 5 texts this month.");
        assertThat(page.locator("#usage-meter")).hasAttribute("data-level", "amber");
        String amber = page.locator("#usage-fill").evaluate("e => getComputedStyle(e).backgroundColor").toString();
        Assertions.assertThat(amber).isEqualTo("rgb(240, 164, 0)");
        page.check("#quietHours");
        page.locator("#sending-rules-card").screenshot(new com.microsoft.playwright.Locator.ScreenshotOptions()
                .setPath(SettingsPageBrowserTest.SCREENSHOT_DIR.resolve("sending-rules.png")));
        page.uncheck("#quietHours");

        page.fill("#test-to", "(415) 555-0142");
        page.click("#send-test");
        assertThat(page.locator("#usage-against-limit"))
                .hasText("5 of 5 texts this month: limit reached, missed calls get no text until next month.");
        assertThat(page.locator("#usage-meter")).hasAttribute("data-level", "full");
    }

    @Test
    void aBadLimitIsRefusedNextToItsFieldAndEmptyMeansNoLimit() {
        page.fill("#monthlyLimit", "0");
        page.click("#save-rules");
        assertThat(page.locator("[data-error-for=monthlyLimit]")).hasText("must be 1 to 1000000, or empty for no limit");
        assertThat(page.locator("#rules-status")).containsText("Not saved");

        page.fill("#monthlyLimit", "");
        page.check("#quietHours");
        page.check("#lineTypeCheck");
        page.click("#save-rules");
        assertThat(page.locator("#rules-status")).hasText("Saved.");
        page.reload();
        assertThat(page.locator("#monthlyLimit")).hasValue("");
        assertThat(page.locator("#quietHours")).isChecked();
        assertThat(page.locator("#lineTypeCheck")).isChecked();
        assertThat(page.locator("#quietHoursFrom")).hasValue("21:00");
        assertThat(page.locator("#quietHoursUntil")).hasValue(Pattern.compile("08:00"));
    }

    private void sendTestMessage() {
        var sent = app.sendAsAdmin("POST", "/api/accounts/" + account.id() + "/test-messages",
                "{\"to\":\"" + Fixtures.newCaller() + "\"}");
        Assertions.assertThat(sent.statusCode()).as(sent.body()).isEqualTo(200);
    }
}

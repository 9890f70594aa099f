package io.textback.settings;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;

import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.ObjectMapper;
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
 * The settings page's business hours and auto-reply sections in headless Chromium, and their API's
 * refusals. Shares its app with {@link SettingsApiTest} (same configuration, so one context).
 */
@ExcludeFromProcessCoverage
@SimulatedAppTest
class RecipeSettingsPageTest {

    static HeadlessChromium chromium;

    @LocalServerPort
    int port;
    @Autowired
    AccountService accounts;
    @Autowired
    ObjectMapper json;

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
        account = Fixtures.newAccount(accounts, "Moreau Bakery");
        browser = chromium.newLoggedInContext("http://localhost:" + port,
                new com.microsoft.playwright.Browser.NewContextOptions().setViewportSize(1100, 900)
                        .setTimezoneId("America/Chicago"));
        page = browser.newPage();
        page.navigate("http://localhost:" + port + "/?account=" + account.id());
        assertThat(page.locator("#account")).hasValue(account.id());
        assertThat(page.locator("#week tr")).hasCount(7);
    }

    @AfterEach
    void closeBrowser() {
        browser.close();
    }

    @Test
    void businessHoursProposeTheBrowsersZoneAndAreKeptAfterSaveAndReload() throws Exception {
        assertThat(page.locator("#timeZone")).hasValue("America/Chicago");
        assertThat(page.locator("#hours-now")).containsText("Not saved yet");
        assertThat(page.locator("tr[data-day=SATURDAY] .open")).not().isChecked();

        page.selectOption("#timeZone", "Asia/Tokyo");
        page.check("tr[data-day=SATURDAY] .open");
        page.fill("tr[data-day=SATURDAY] .opens", "10:00");
        page.fill("tr[data-day=SATURDAY] .closes", "14:00");
        page.fill("#closed-day", "2026-12-25");
        page.click("#closed-day-add");
        page.click("#hours-save");
        assertThat(page.locator("#hours-status")).hasText("Saved");
        assertThat(page.locator("#hours-now")).hasText(Pattern.compile("^(Open now\\.|Closed now, opens .+\\.)$"));

        page.reload();
        assertThat(page.locator("#timeZone")).hasValue("Asia/Tokyo");
        assertThat(page.locator("tr[data-day=SATURDAY] .closes")).hasValue("14:00");
        assertThat(page.locator("#closed-days li")).hasText("2026-12-25 remove");
        var saved = json.readTree(app.getAsAdmin("/api/accounts/" + account.id() + "/business-hours").body());
        Assertions.assertThat(saved.get("configured").asBoolean()).isTrue();
        Assertions.assertThat(saved.get("days").get(5).toString())
                .isEqualTo("{\"day\":\"SATURDAY\",\"open\":true,\"opens\":\"10:00\",\"closes\":\"14:00\"}");
    }

    @Test
    void dayClosingBeforeItOpensIsRefusedNextToTheForm() {
        page.fill("tr[data-day=TUESDAY] .closes", "08:00");
        page.click("#hours-save");

        assertThat(page.locator("[data-error-for=days]")).hasText("Tuesday: must close after it opens (09:00 to 08:00)");
        assertThat(page.locator("#hours-status")).containsText("Not saved");
    }

    @Test
    void businessHoursApiNamesTheBadField() {
        String path = "/api/accounts/" + account.id() + "/business-hours";
        var zone = app.sendAsAdmin("PUT", path, "{\"timeZone\":\"Mars/Olympus\",\"days\":[],\"closedDays\":[]}");
        Assertions.assertThat(zone.statusCode()).isEqualTo(400);
        Assertions.assertThat(zone.body()).contains("\"field\":\"timeZone\"", "America/New_York");

        var days = app.sendAsAdmin("PUT", path, "{\"timeZone\":\"Europe/Paris\",\"days\":[{\"day\":\"MONDAY\","
                + "\"open\":true,\"opens\":\"9am\",\"closes\":\"17:00\"}],\"closedDays\":[]}");
        Assertions.assertThat(days.statusCode()).isEqualTo(400);
        Assertions.assertThat(days.body()).contains("\"field\":\"days.MONDAY\"", "'9am' is not a time such as 09:00");

        Assertions.assertThat(app.sendAsAdmin("PUT", "/api/accounts/no-such-account/business-hours",
                "{}").statusCode()).isEqualTo(404);
    }

    @Test
    void confirmAnsweredCallsIsSavedWhenSwitched() {
        assertThat(page.locator("#confirmAnsweredCalls")).not().isChecked();

        page.check("#confirmAnsweredCalls");

        assertThat(page.locator("#call-screening-status")).hasText("On from the next call.");
        page.reload();
        assertThat(page.locator("#confirmAnsweredCalls")).isChecked();
    }

    @Test
    void autoReplyIsSwitchedOnWithItsMessageAndATypoIsRefused() {
        assertThat(page.locator("#auto-reply-enabled")).not().isChecked();
        assertThat(page.locator("#auto-reply-recipe")).hasValue("auto-reply");

        page.fill("#auto-reply-message", "Thanks! {{business.name}} opens {{business.frist}}");
        page.click("#auto-reply-save");
        assertThat(page.locator("#auto-reply [data-error-for=message]")).hasText("unknown merge field {{business.frist}}");

        page.check("#auto-reply-enabled");
        page.fill("#auto-reply-message", "Thanks! {{business.name}} will text you back soon.");
        page.click("#auto-reply-save");
        assertThat(page.locator("#auto-reply-status")).hasText("Saved");
        page.reload();
        assertThat(page.locator("#auto-reply-enabled")).isChecked();
        assertThat(page.locator("#auto-reply-message")).hasValue("Thanks! {{business.name}} will text you back soon.");
    }
}

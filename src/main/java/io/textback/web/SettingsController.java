package io.textback.web;

import io.textback.settings.SettingsForm;
import io.textback.settings.SettingsService;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import io.textback.recipes.DeployedRecipes;
import io.textback.accounts.Account;
import io.textback.accounts.TextBackSettings;
import io.textback.messaging.AccountMergeFields;
import io.textback.messaging.MessageTemplate;
import io.textback.messaging.SmsSegments;
import io.textback.messaging.TextSender;
import io.textback.system.InvalidInput;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/** An account's "Missed Call Text Back" settings, what the page offers, and a live preview of the message. */
@RestController
@Tag(name = "Settings", description = "Missed-call text-back settings of one account")
class SettingsController {

    static final int RECOMMENDED_MIN_TIMEOUT_SECONDS = 10;
    static final int RECOMMENDED_MAX_TIMEOUT_SECONDS = 20;

    // The preview's known contact; 555-01xx numbers are reserved for fiction.
    static final String SAMPLE_FIRST_NAME = "Maria";
    static final String SAMPLE_LAST_NAME = "Lopez";
    static final String SAMPLE_KNOWN_NUMBER = "+14155550123";
    static final String SAMPLE_UNKNOWN_NUMBER = "+14155550199";

    private final SettingsService settings;
    private final DeployedRecipes recipes;
    private final TextSender sender;
    private final ObjectProvider<AccountMergeFields> accountFields;

    SettingsController(SettingsService settings, DeployedRecipes recipes, TextSender sender,
                       ObjectProvider<AccountMergeFields> accountFields) {
        this.accountFields = accountFields;
        this.settings = settings;
        this.recipes = recipes;
        this.sender = sender;
    }

    record AccountSettings(String accountId, String businessName, String defaultNumber, boolean enabled,
                           String messageTemplate, int callTimeoutSeconds, String recipeKey) {

        static AccountSettings of(Account account) {
            var s = account.settings();
            return new AccountSettings(account.id(), account.businessName(), account.defaultNumber(), s.enabled(),
                    s.messageTemplate(), s.callTimeoutSeconds(), s.recipeKey());
        }
    }

    record MergeField(String field, String label) {
    }

    record Choices(int minTimeoutSeconds, int maxTimeoutSeconds, int recommendedMinTimeoutSeconds,
                   int recommendedMaxTimeoutSeconds, int defaultTimeoutSeconds, int maxMessageLength,
                   String defaultMessage, List<MergeField> mergeFields, List<DeployedRecipes.Recipe> recipes,
                   boolean textsSimulated) {
    }

    record PreviewRequest(String messageTemplate) {
    }

    record RenderedText(String to, String text, String encoding, int characters, int segments) {

        static RenderedText of(String to, String text) {
            var count = SmsSegments.of(text);
            return new RenderedText(to, text, count.encoding(), count.characters(), count.segments());
        }
    }

    record Preview(int templateCharacters, int maxTemplateCharacters, List<String> problems, String knownContactName,
                   RenderedText knownContact, RenderedText unknownCaller) {
    }

    @GetMapping("/api/settings/choices")
    @Operation(summary = "What the settings page offers: timeout range, merge fields, deployed recipes")
    Choices choices() {
        return new Choices(TextBackSettings.MIN_TIMEOUT_SECONDS, TextBackSettings.MAX_TIMEOUT_SECONDS,
                RECOMMENDED_MIN_TIMEOUT_SECONDS, RECOMMENDED_MAX_TIMEOUT_SECONDS,
                TextBackSettings.DEFAULT_TIMEOUT_SECONDS, TextBackSettings.MAX_MESSAGE_LENGTH,
                TextBackSettings.DEFAULT_MESSAGE,
                MessageTemplate.FIELDS.stream().map(f -> new MergeField(f.field(), f.label())).toList(),
                recipes.list(), sender.isSimulated());
    }

    @GetMapping("/api/accounts/{accountId}/settings")
    @Operation(summary = "The account's text-back settings")
    AccountSettings get(@PathVariable String accountId) {
        return AccountSettings.of(settings.account(accountId));
    }

    @PutMapping("/api/accounts/{accountId}/settings")
    @Operation(summary = "Replace the account's text-back settings; 400 names every invalid field and nothing is saved")
    AccountSettings save(@PathVariable String accountId, @RequestBody SettingsForm form) {
        return AccountSettings.of(settings.save(accountId, form));
    }

    @PostMapping("/api/accounts/{accountId}/settings/preview")
    @Operation(summary = "The message as a known contact and as an unknown caller would get it, with its SMS segments")
    Preview preview(@PathVariable String accountId, @RequestBody PreviewRequest request) {
        Account account = settings.account(accountId);
        String template = request.messageTemplate() == null ? "" : request.messageTemplate();
        var problems = new InvalidInput.Errors();
        SettingsService.messageErrors("messageTemplate", template, problems);
        var known = businessFields(account);
        known.put(MessageTemplate.CONTACT_FIRST_NAME, SAMPLE_FIRST_NAME);
        known.put(MessageTemplate.CONTACT_LAST_NAME, SAMPLE_LAST_NAME);
        known.put(MessageTemplate.CONTACT_NAME, SAMPLE_FIRST_NAME + " " + SAMPLE_LAST_NAME);
        known.put(MessageTemplate.CONTACT_PHONE, SAMPLE_KNOWN_NUMBER);
        var unknown = businessFields(account);
        unknown.put(MessageTemplate.CONTACT_PHONE, SAMPLE_UNKNOWN_NUMBER);
        return new Preview(template.length(), TextBackSettings.MAX_MESSAGE_LENGTH,
                problems.list().stream().map(InvalidInput.FieldError::reason).toList(),
                SAMPLE_FIRST_NAME + " " + SAMPLE_LAST_NAME,
                RenderedText.of(SAMPLE_KNOWN_NUMBER, MessageTemplate.render(template, known)),
                RenderedText.of(SAMPLE_UNKNOWN_NUMBER, MessageTemplate.render(template, unknown)));
    }

    private Map<String, String> businessFields(Account account) {
        var fields = new HashMap<String, String>();
        accountFields.orderedStream().forEach(extra -> fields.putAll(extra.fields(account)));
        fields.put(MessageTemplate.BUSINESS_NAME, account.businessName());
        fields.put(MessageTemplate.BUSINESS_PHONE, account.defaultNumber());
        return fields;
    }
}

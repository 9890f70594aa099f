"use strict";
// The settings page: every value comes from and goes to the app's REST API (see /api-docs.html).

document.addEventListener("DOMContentLoaded", async () => {
  const $ = id => document.getElementById(id);
  const account = await textback.pickAccount();
  if (!account) {
    $("save-status").textContent = "No account yet: create one with POST /api/accounts.";
    return;
  }
  const base = "/api/accounts/" + encodeURIComponent(account.id);
  for (const link of document.querySelectorAll("a.outbox, #outbox-link")) {
    link.href = "/outbox.html?account=" + encodeURIComponent(account.id);
  }
  for (const name of document.querySelectorAll(".business-name")) {
    name.textContent = account.businessName;
  }

  const form = $("settings");
  const message = $("messageTemplate");
  const timeout = $("callTimeoutSeconds");
  const [choices, settings] = await Promise.all([
    textback.api("GET", "/api/settings/choices").then(r => r.body),
    textback.api("GET", base + "/settings").then(r => r.body)
  ]);

  $("simulated-banner").hidden = !choices.textsSimulated;
  $("max-characters").textContent = choices.maxMessageLength;

  // Merge-field picker: inserts at the cursor, replacing any selection, as a word processor would.
  for (const f of choices.mergeFields) {
    const button = document.createElement("button");
    button.type = "button";
    button.textContent = f.label;
    button.title = "Insert {{" + f.field + "}}";
    button.dataset.field = f.field;
    button.addEventListener("click", () => {
      message.focus();
      message.setRangeText("{{" + f.field + "}}", message.selectionStart, message.selectionEnd, "end");
      message.dispatchEvent(new Event("input", {bubbles: true}));
    });
    $("merge-fields").append(button);
  }

  // Timeout slider: marks every few seconds and a band over the recommended range.
  timeout.min = choices.minTimeoutSeconds;
  timeout.max = choices.maxTimeoutSeconds;
  for (const mark of [5, 10, 15, 20, 30, 45, 60]) {
    $("timeout-marks").append(new Option(String(mark), String(mark)));
  }
  const span = choices.maxTimeoutSeconds - choices.minTimeoutSeconds;
  const band = $("recommended-band");
  band.style.left = (100 * (choices.recommendedMinTimeoutSeconds - choices.minTimeoutSeconds) / span) + "%";
  band.style.width = (100 * (choices.recommendedMaxTimeoutSeconds - choices.recommendedMinTimeoutSeconds) / span) + "%";
  band.title = "Recommended: " + choices.recommendedMinTimeoutSeconds + "–" + choices.recommendedMaxTimeoutSeconds + " s";

  function showTimeout() {
    const value = Number(timeout.value);
    $("timeout-value").textContent = value;
    $("timeout-advice").textContent =
        value < choices.recommendedMinTimeoutSeconds ? "Short: callers may reach voicemail before anyone can answer."
        : value > choices.recommendedMaxTimeoutSeconds ? "Long: many callers hang up before voicemail."
        : "Recommended (" + choices.recommendedMinTimeoutSeconds + "–" + choices.recommendedMaxTimeoutSeconds
          + " seconds).";
  }

  for (const r of choices.recipes) {
    $("recipeKey").add(new Option(r.name === r.key ? r.key : r.name + " (" + r.key + ")", r.key));
  }

  function fill(s) {
    $("enabled").checked = s.enabled;
    message.value = s.messageTemplate;
    timeout.value = s.callTimeoutSeconds;
    if (![...$("recipeKey").options].some(o => o.value === s.recipeKey)) {
      $("recipeKey").add(new Option(s.recipeKey + " (not deployed)", s.recipeKey));
    }
    $("recipeKey").value = s.recipeKey;
    showTimeout();
    updatePreview();
  }

  // Live preview: the server renders and counts, so the page and the real text can never disagree.
  let previewTimer;
  let previewSeq = 0;
  function updatePreview() {
    $("template-characters").textContent = message.value.length;
    clearTimeout(previewTimer);
    previewTimer = setTimeout(async () => {
      const seq = ++previewSeq;
      const result = await textback.api("POST", base + "/settings/preview", {messageTemplate: message.value});
      if (seq !== previewSeq || !result.ok) {
        return;
      }
      const p = result.body;
      $("known-name").textContent = p.knownContactName;
      showRendered("known", p.knownContact);
      showRendered("unknown", p.unknownCaller);
      document.querySelector('[data-error-for="messageTemplate"]').textContent = p.problems.join("; ");
    }, 120);
  }
  function showRendered(prefix, r) {
    $(prefix + "-text").textContent = r.text || "(empty)";
    $(prefix + "-count").textContent = r.characters + " characters · " + r.encoding + " · "
        + r.segments + (r.segments === 1 ? " segment" : " segments");
  }

  function markDirty() {
    $("save-status").textContent = "Unsaved changes";
  }
  message.addEventListener("input", () => { updatePreview(); markDirty(); });
  timeout.addEventListener("input", () => { showTimeout(); markDirty(); });
  $("enabled").addEventListener("change", markDirty);
  $("recipeKey").addEventListener("change", markDirty);

  form.addEventListener("submit", async event => {
    event.preventDefault();
    $("save").disabled = true;
    const result = await textback.api("PUT", base + "/settings", {
      enabled: $("enabled").checked,
      messageTemplate: message.value,
      callTimeoutSeconds: Number(timeout.value),
      recipeKey: $("recipeKey").value
    });
    $("save").disabled = false;
    if (result.ok) {
      textback.showErrors(form, []);
      fill(result.body);
      $("save-status").textContent = "Saved";
    } else {
      $("save-status").textContent = textback.notSaved(result, textback.showErrors(form, textback.fieldErrors(result)));
    }
  });

  async function showUsage() {
    const u = (await textback.api("GET", base + "/usage")).body;
    $("usage").textContent = "This month (" + u.month + "): " + u.texts + (u.texts === 1 ? " text, " : " texts, ")
        + u.segments + (u.segments === 1 ? " segment" : " segments")
        + (u.simulatedTexts > 0 ? " (" + u.simulatedTexts + " simulated)" : "") + ".";
  }

  $("send-test").addEventListener("click", async () => {
    const section = $("send-test").closest("section");
    const outcome = $("test-outcome");
    outcome.textContent = "Sending…";
    const result = await textback.api("POST", base + "/test-messages",
        {to: $("test-to").value, messageTemplate: message.value});
    const errors = textback.fieldErrors(result);
    textback.showErrors(section, errors);
    if (errors.length > 0) {
      outcome.textContent = "";
      const messageErrors = errors.filter(e => e.field === "messageTemplate");
      if (messageErrors.length > 0) {
        outcome.textContent = "Fix the message first: " + messageErrors.map(e => e.reason).join("; ");
      }
      return;
    }
    if (!result.ok) {
      outcome.dataset.status = "error";
      outcome.textContent = "Not sent: " + textback.describeFailure(result);
      return;
    }
    const m = result.body;
    $("test-to").value = m.to;
    outcome.dataset.status = m.status;
    outcome.textContent = {
      "simulated": "Simulated to " + m.to + ": not sent, kept in the outbox.",
      "queued": "Sent to " + m.to + " (Twilio has queued it).",
      "sent": "Sent to " + m.to + ".",
      "delivered": "Delivered to " + m.to + ".",
      "failed": "Twilio refused the text to " + m.to + ": error " + m.errorCode + ", " + m.errorMessage,
      "opted-out": "Not sent: " + m.to + " replied STOP and has opted out of texts."
    }[m.status] || (m.status + ": " + m.to);
    showUsage();
  });

  async function showGreeting() {
    const result = await textback.api("GET", base + "/voicemail-greeting");
    $("greeting-current").hidden = !result.ok;
    if (result.ok) {
      $("greeting-player").src = result.body.url;
      $("greeting-name").textContent = result.body.fileName + " (" + Math.ceil(result.body.sizeBytes / 1024) + " KB)";
    } else {
      $("greeting-player").removeAttribute("src");
    }
  }

  $("greeting-upload").addEventListener("click", async () => {
    const section = $("greeting-upload").closest("section");
    const file = $("greeting-file").files[0];
    if (!file) {
      textback.showErrors(section, [{field: "file", reason: "choose an MP3 or WAV file first"}]);
      return;
    }
    $("greeting-outcome").textContent = "Uploading…";
    const data = new FormData();
    data.append("file", file);
    const result = await textback.api("PUT", base + "/voicemail-greeting", data);
    const shown = textback.showErrors(section, textback.fieldErrors(result));
    $("greeting-outcome").textContent = result.ok ? "Uploaded: callers now hear " + result.body.fileName + "."
        : shown > 0 ? "" : "Not uploaded: " + textback.describeFailure(result);
    if (result.ok) {
      $("greeting-file").value = "";
      showGreeting();
    }
  });

  $("greeting-remove").addEventListener("click", async () => {
    const result = await textback.api("DELETE", base + "/voicemail-greeting");
    $("greeting-outcome").textContent = result.ok ? "Removed: callers hear the spoken greeting again."
        : "Not removed: " + textback.describeFailure(result);
    showGreeting();
  });

  $("simulate").addEventListener("click", async () => {
    const section = $("simulate").closest("section");
    const result = await textback.api("POST", base + "/simulated-calls", {from: $("simulate-from").value});
    if (textback.showErrors(section, textback.fieldErrors(result)) > 0) {
      $("simulate-outcome").textContent = "";
      return;
    }
    const r = result.body || {};
    $("simulate-outcome").textContent = {
      "started": "Missed call from " + r.from + " reported: the recipe started. Its text appears in the outbox.",
      "text-back-disabled": "Missed call from " + r.from + " recorded, but text-back is off for this account."
    }[r.outcome] || ("Could not start the recipe: " + (r.reason || textback.describeFailure(result)));
    setTimeout(showUsage, 1500);
  });

  fill(settings);
  $("save-status").textContent = "";
  showGreeting();
  showUsage();
});

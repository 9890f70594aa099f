"use strict";
// The settings page's sending rules: monthly limit with usage against it, landline check, quiet hours.

document.addEventListener("DOMContentLoaded", async () => {
  const $ = id => document.getElementById(id);
  const accounts = (await textback.api("GET", "/api/accounts")).body || [];
  const wanted = new URLSearchParams(location.search).get("account");
  const account = accounts.find(a => a.id === wanted) || accounts[0];
  if (!account) {
    $("sending-rules-card").hidden = true;
    return;
  }
  const path = "/api/accounts/" + encodeURIComponent(account.id) + "/sending-rules";
  const form = $("sending-rules");
  for (const zone of Intl.supportedValuesOf ? Intl.supportedValuesOf("timeZone") : []) {
    $("time-zones").append(new Option(zone));
  }

  function showUsage(usage) {
    const meter = $("usage-meter");
    const limit = usage.limit;
    const texts = usage.texts;
    if (limit === null || limit === undefined) {
      meter.dataset.level = "none";
      $("usage-against-limit").textContent = texts + (texts === 1 ? " text" : " texts") + " this month, no limit.";
      return;
    }
    const share = Math.min(1, texts / limit);
    meter.dataset.level = texts >= limit ? "full" : share >= 0.8 ? "amber" : "ok";
    $("usage-fill").style.width = (100 * share) + "%";
    $("usage-bar").setAttribute("aria-valuenow", String(texts));
    $("usage-bar").setAttribute("aria-valuemax", String(limit));
    $("usage-against-limit").textContent = texts + " of " + limit + " texts this month"
        + (texts >= limit ? ": limit reached, missed calls get no text until next month." : ".");
  }

  function fill(rules) {
    $("monthlyLimit").value = rules.monthlyLimit === null ? "" : rules.monthlyLimit;
    $("lineTypeCheck").checked = rules.lineTypeCheck;
    $("quietHours").checked = rules.quietHours;
    $("quietHoursFrom").value = rules.quietHoursFrom;
    $("quietHoursUntil").value = rules.quietHoursUntil;
    $("quietHoursTimeZone").value = rules.timeZone || "";
    showUsage(rules.usage);
  }

  async function reload() {
    const result = await textback.api("GET", path);
    if (result.ok) {
      fill(result.body);
    }
  }

  form.addEventListener("submit", async event => {
    event.preventDefault();
    const limit = $("monthlyLimit").value.trim();
    const result = await textback.api("PUT", path, {
      monthlyLimit: limit === "" ? null : Number(limit),
      lineTypeCheck: $("lineTypeCheck").checked,
      quietHours: $("quietHours").checked,
      quietHoursFrom: $("quietHoursFrom").value,
      quietHoursUntil: $("quietHoursUntil").value,
      timeZone: $("quietHoursTimeZone").value.trim() || null
    });
    const shown = textback.showErrors(form, textback.fieldErrors(result));
    $("rules-status").textContent = result.ok ? "Saved." : textback.notSaved(result, shown);
    if (result.ok) {
      fill(result.body);
    }
  });

  // The page's usage line changes after a test message: the meter follows it, leaving the fields as typed.
  new MutationObserver(async () => {
    const result = await textback.api("GET", path);
    if (result.ok) {
      showUsage(result.body.usage);
    }
  }).observe($("usage"), {childList: true, characterData: true, subtree: true});
  await reload();
});

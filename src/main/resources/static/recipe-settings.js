"use strict";
// The settings page's business hours, call screening and auto-reply sections (see /api-docs.html for their API).

textback.onAccountPage(async (account, $) => {
  const base = "/api/accounts/" + encodeURIComponent(account.id);
  // Like textback.showErrors, but within one section only ("days.MONDAY" shows under "days"), since
  // field names such as recipeKey also name inputs of the form above.
  function showErrors(section, errors) {
    let shown = 0;
    for (const p of section.querySelectorAll("[data-error-for]")) {
      const field = p.dataset.errorFor;
      const mine = (errors || []).filter(e => e.field === field || e.field.startsWith(field + "."));
      p.textContent = mine
          .map(e => (e.field === field ? "" : dayNames[e.field.substring(field.length + 1)] + ": ") + e.reason)
          .join("; ");
      shown += mine.length;
    }
    return shown;
  }
  const dayNames = {MONDAY: "Monday", TUESDAY: "Tuesday", WEDNESDAY: "Wednesday", THURSDAY: "Thursday",
    FRIDAY: "Friday", SATURDAY: "Saturday", SUNDAY: "Sunday"};

  // Business hours: a row per weekday, a time zone, and a list of closed dates.
  const hoursSection = $("business-hours");
  let closedDays = [];
  const browserZone = Intl.DateTimeFormat().resolvedOptions().timeZone;
  const zones = Intl.supportedValuesOf ? Intl.supportedValuesOf("timeZone") : [browserZone];
  for (const zone of zones) {
    $("timeZone").add(new Option(zone.replaceAll("_", " "), zone));
  }

  function showClosedDays() {
    $("closed-days").replaceChildren(...closedDays.map(date => {
      const item = document.createElement("li");
      item.textContent = date + " ";
      const remove = Object.assign(document.createElement("button"), {type: "button", className: "link",
        textContent: "remove", title: "Open again on " + date});
      remove.addEventListener("click", () => {
        closedDays = closedDays.filter(d => d !== date);
        showClosedDays();
      });
      item.append(remove);
      return item;
    }));
  }

  function fillHours(h) {
    if (!h.configured && zones.includes(browserZone)) {
      $("timeZone").value = browserZone;
      $("hours-now").textContent = "Not saved yet: Monday to Friday, 9:00 to 17:00 is proposed. Check it and save.";
    } else {
      $("timeZone").value = h.timeZone;
      $("hours-now").textContent = h.openNow ? "Open now." : "Closed now" + (h.opensAt ? ", opens " + h.opensAt : "") + ".";
    }
    $("week").replaceChildren(...h.days.map(d => {
      const row = document.createElement("tr");
      row.dataset.day = d.day;
      row.innerHTML = '<td><label><input type="checkbox" class="open"> </label></td>'
          + '<td><input type="time" class="opens" aria-label="Opens"> to <input type="time" class="closes" aria-label="Closes"></td>';
      row.querySelector("label").append(dayNames[d.day]);
      row.querySelector(".open").checked = d.open;
      row.querySelector(".opens").value = d.opens || "09:00";
      row.querySelector(".closes").value = d.closes || "17:00";
      const toggle = () => row.querySelectorAll("input[type=time]").forEach(i => i.disabled = !row.querySelector(".open").checked);
      row.querySelector(".open").addEventListener("change", toggle);
      toggle();
      return row;
    }));
    closedDays = [...h.closedDays];
    showClosedDays();
  }

  $("closed-day-add").addEventListener("click", () => {
    const date = $("closed-day").value;
    if (date && !closedDays.includes(date)) {
      closedDays = [...closedDays, date].sort();
      showClosedDays();
    }
    $("closed-day").value = "";
  });

  $("hours-save").addEventListener("click", async () => {
    const days = [...$("week").querySelectorAll("tr")].map(row => ({
      day: row.dataset.day,
      open: row.querySelector(".open").checked,
      opens: row.querySelector(".opens").value,
      closes: row.querySelector(".closes").value
    }));
    const result = await textback.api("PUT", base + "/business-hours",
        {timeZone: $("timeZone").value, days, closedDays});
    const shown = showErrors(hoursSection, textback.fieldErrors(result));
    if (result.ok) {
      fillHours(result.body);
      $("hours-status").textContent = "Saved";
    } else {
      $("hours-status").textContent = textback.notSaved(result, shown);
    }
  });

  // Auto-reply: on or off, its message, and the recipe that sends it.
  const replySection = $("auto-reply");
  function fillAutoReply(r) {
    $("auto-reply-enabled").checked = r.enabled;
    $("auto-reply-message").value = r.message;
    $("auto-reply-recipe").replaceChildren(...r.recipes.map(recipe =>
        new Option(recipe.name === recipe.key ? recipe.key : recipe.name + " (" + recipe.key + ")", recipe.key)));
    if (![...$("auto-reply-recipe").options].some(o => o.value === r.recipeKey)) {
      $("auto-reply-recipe").add(new Option(r.recipeKey + " (not deployed)", r.recipeKey));
    }
    $("auto-reply-recipe").value = r.recipeKey;
  }

  $("auto-reply-save").addEventListener("click", async () => {
    const result = await textback.api("PUT", base + "/auto-reply", {
      enabled: $("auto-reply-enabled").checked,
      message: $("auto-reply-message").value,
      recipeKey: $("auto-reply-recipe").value
    });
    const shown = showErrors(replySection, textback.fieldErrors(result));
    if (result.ok) {
      fillAutoReply(result.body);
      $("auto-reply-status").textContent = "Saved";
    } else {
      $("auto-reply-status").textContent = textback.notSaved(result, shown);
    }
  });

  // Confirm answered calls: saved as soon as it is switched.
  $("confirmAnsweredCalls").addEventListener("change", async () => {
    const result = await textback.api("PUT", base + "/call-screening",
        {confirmAnsweredCalls: $("confirmAnsweredCalls").checked});
    $("call-screening-status").textContent = result.ok
        ? (result.body.confirmAnsweredCalls ? "On from the next call." : "Off from the next call.")
        : "Not saved: " + textback.describeFailure(result);
  });

  const [hours, autoReply, screening] = await Promise.all([
    textback.api("GET", base + "/business-hours"), textback.api("GET", base + "/auto-reply"),
    textback.api("GET", base + "/call-screening")]);
  fillHours(hours.body);
  fillAutoReply(autoReply.body);
  $("confirmAnsweredCalls").checked = screening.body.confirmAnsweredCalls;
});

"use strict";
// The Calls page: GET /api/calls for the chosen account, each outcome said in plain words.

const callWords = (() => {
  const ENDED = {
    "no-answer": "No answer", "busy": "Line busy", "failed": "Call failed", "canceled": "Caller hung up",
    "completed": "Answered", "answered": "Answered", "in-progress": "In progress", "ringing": "Ringing"
  };
  const OUTCOMES = {
    "texted": "Texted", "waiting": "Waiting to text", "held-quiet-hours": "Held for quiet hours",
    "answered": "Answered", "text-back-off": "No text: text-back was off",
    "repeat-call": "No text: they called again soon after an earlier call",
    "reached-during-wait": "No text: you called back or they got through",
    "caller-texted-first": "No text: the caller texted first", "opted-out": "No text: the caller opted out",
    "limit-reached": "No text: sending limit reached", "landline": "No text: a landline",
    "invalid-number": "No text: not a valid number", "twilio-refused": "Twilio refused the text",
    "failed": "The recipe failed", "no-text": "No text", "running": "Recipe running"
  };
  const TEXT_STATUS = {
    "delivered": "delivered", "undelivered": "not delivered", "failed": "failed", "queued": "sent",
    "sent": "sent", "simulated": "simulated (in the outbox)"
  };

  function minutesBetween(a, b) {
    return Math.round((new Date(b) - new Date(a)) / 60000);
  }

  function clock(iso) {
    return new Date(iso).toLocaleTimeString([], {hour: "numeric", minute: "2-digit"});
  }

  /** "Texted 20 min later, delivered", "No text: you called back", ... */
  function outcome(c) {
    switch (c.outcome) {
      case "texted": {
        const after = c.textedAt ? minutesBetween(c.endedAt || c.startedAt, c.textedAt) : 0;
        const when = after >= 1 ? after + " min later" : "right away";
        const by = c.outcomeDetail === "by WhatsApp" ? " by WhatsApp" : "";
        return "Texted" + by + " " + when + (c.textStatus ? ", " + (TEXT_STATUS[c.textStatus] || c.textStatus) : "");
      }
      case "waiting":
        return c.dueAt ? "Text due at " + clock(c.dueAt) : OUTCOMES.waiting;
      case "held-quiet-hours":
        return "Held for quiet hours" + (c.dueAt ? ": text due " + textback.when(c.dueAt) : "");
      case "twilio-refused":
      case "failed":
        return OUTCOMES[c.outcome] + (c.outcomeDetail ? ": " + c.outcomeDetail : "");
      default:
        return OUTCOMES[c.outcome] || c.outcome || "";
    }
  }

  function ended(c) {
    return ENDED[c.status] || c.status;
  }

  return {outcome, ended, codes: Object.keys(OUTCOMES), label: code => OUTCOMES[code]};
})();

document.addEventListener("DOMContentLoaded", async () => {
  const $ = id => document.getElementById(id);
  const account = await textback.pickAccount();
  if (!account) {
    return;
  }
  const params = new URLSearchParams(location.search);
  for (const code of callWords.codes) {
    $("outcome").add(new Option(callWords.label(code), code));
  }
  $("outcome").value = params.get("outcome") || "";
  $("from").value = params.get("from") || "";
  $("to").value = params.get("to") || "";
  let page = 0;

  function row(c) {
    const li = document.createElement("li");
    li.className = "call card";
    li.dataset.callSid = c.callSid;
    li.dataset.outcome = c.outcome || "";
    const who = Object.assign(document.createElement("strong"), {className: "caller",
      textContent: c.contact && c.contact.name ? c.contact.name : c.caller});
    const tel = Object.assign(document.createElement("a"), {className: "tel", href: "tel:" + c.caller,
      textContent: c.contact && c.contact.name ? c.caller : "Call back"});
    tel.title = "Call " + c.caller;
    const when = Object.assign(document.createElement("time"), {dateTime: c.startedAt,
      textContent: textback.when(c.startedAt)});
    const head = Object.assign(document.createElement("p"), {className: "call-head"});
    head.append(who, " ", tel, " ", when);
    const how = Object.assign(document.createElement("p"), {className: "ended",
      textContent: (c.direction === "outbound" ? "You called · " : "") + callWords.ended(c)});
    const outcome = Object.assign(document.createElement("p"), {className: "outcome-words",
      textContent: callWords.outcome(c)});
    outcome.dataset.outcome = c.outcome || "";
    li.append(head, how, outcome);
    if (c.recordingUrl) {
      const audio = Object.assign(document.createElement("audio"), {controls: true, preload: "none",
        src: "/api/calls/" + encodeURIComponent(c.callSid) + "/recording"});
      audio.setAttribute("aria-label", "Voicemail from " + c.caller);
      li.append(audio);
    }
    if (c.cockpitUrl) {
      li.append(Object.assign(document.createElement("a"), {className: "cockpit", href: c.cockpitUrl,
        textContent: "Open in Cockpit"}));
    }
    return li;
  }

  async function load() {
    const query = new URLSearchParams({accountId: account.id, page: String(page), size: "50"});
    for (const field of ["outcome", "from", "to"]) {
      if ($(field).value) {
        query.set(field, $(field).value);
      }
    }
    const result = await textback.api("GET", "/api/calls?" + query);
    $("filter-error").textContent = result.ok ? "" : textback.describeFailure(result);
    const body = result.ok ? result.body : {calls: [], total: 0, page: 0, size: 50};
    $("calls").replaceChildren(...body.calls.map(row));
    $("empty").hidden = body.calls.length > 0;
    const last = Math.max(0, Math.ceil(body.total / body.size) - 1);
    $("newer").disabled = page === 0;
    $("older").disabled = page >= last;
    $("page-info").textContent = body.total === 0 ? "" : (body.page * body.size + 1) + "–"
      + (body.page * body.size + body.calls.length) + " of " + body.total;
    query.delete("accountId");
    query.delete("size");
    query.set("account", account.id);
    history.replaceState(null, "", "?" + query);
  }

  $("filters").addEventListener("submit", event => {
    event.preventDefault();
    page = 0;
    load();
  });
  $("newer").addEventListener("click", () => { page = Math.max(0, page - 1); load(); });
  $("older").addEventListener("click", () => { page += 1; load(); });
  page = Number(params.get("page")) || 0;
  await load();
});

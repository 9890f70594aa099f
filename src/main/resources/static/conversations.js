"use strict";
// Conversations: the callers on the left, one thread on the right; both refresh every few seconds.

textback.onAccountPage(async (account, $) => {
  const base = "/api/accounts/" + encodeURIComponent(account.id) + "/conversations";
  const POLL_MS = 3000;
  let current = new URLSearchParams(location.search).get("phone");
  let shown = "";

  function label(c) {
    return c.name ? c.name + " · " + c.phone : c.phone;
  }

  async function loadList() {
    const result = await textback.api("GET", base);
    const list = result.body || [];
    const items = list.map(c => {
      const li = document.createElement("li");
      const button = Object.assign(document.createElement("button"), {type: "button", className: "thread-link"});
      button.dataset.phone = c.phone;
      if (c.phone === current) {
        button.setAttribute("aria-current", "true");
      }
      const who = Object.assign(document.createElement("strong"), {textContent: c.name || c.phone});
      const last = Object.assign(document.createElement("span"), {
        className: "last", textContent: (c.lastDirection === "in" ? "" : "You: ") + c.lastText
      });
      const at = Object.assign(document.createElement("time"), {textContent: textback.when(c.lastAt)});
      button.append(who, at, last);
      button.addEventListener("click", () => open(c.phone));
      li.append(button);
      return li;
    });
    $("threads").replaceChildren(...items);
    $("empty").hidden = list.length > 0;
    if (!current && list.length > 0) {
      await open(list[0].phone);
    }
  }

  async function loadThread() {
    if (!current) {
      return;
    }
    const result = await textback.api("GET", base + "/" + encodeURIComponent(current));
    if (!result.ok) {
      return;
    }
    render(result.body);
  }

  function render(t) {
    $("thread").hidden = false;
    $("thread-name").textContent = t.name || "Unknown caller";
    $("thread-call").textContent = t.phone;
    $("thread-call").href = "tel:" + t.phone;
    $("thread-tags").replaceChildren(...t.tags.map(tag =>
      Object.assign(document.createElement("span"), {className: "tag", textContent: tag})));
    $("thread-opted-out").hidden = !t.optedOut;
    const fingerprint = JSON.stringify(t.messages.map(m => [m.direction, m.id, m.status]));
    if (fingerprint === shown) {
      return;
    }
    shown = fingerprint;
    $("messages").replaceChildren(...t.messages.map(m => {
      const li = document.createElement("li");
      li.className = "message " + m.direction;
      li.dataset.direction = m.direction;
      const body = Object.assign(document.createElement("p"), {className: "bubble", textContent: m.body});
      const meta = Object.assign(document.createElement("p"), {className: "meta"});
      meta.textContent = textback.when(m.at) + (m.direction === "out" ? " · " + statusWords(m) : "");
      li.append(body, meta);
      return li;
    }));
    const last = $("messages").lastElementChild;
    if (last) {
      last.scrollIntoView({block: "nearest"});
    }
  }

  function statusWords(m) {
    switch (m.status) {
      case "delivered": return "delivered";
      case "simulated": return "simulated (no Twilio account: kept in the outbox)";
      case "queued": case "sent": case "sending": return m.status;
      case "opted-out": return "not sent: opted out";
      default:
        return m.status + (m.errorCode ? " (" + m.errorCode + (m.errorMessage ? " " + m.errorMessage : "") + ")"
          : m.errorMessage ? " (" + m.errorMessage + ")" : "");
    }
  }

  async function open(phone) {
    current = phone;
    shown = "";
    history.replaceState(null, "", "?account=" + encodeURIComponent(account.id) + "&phone=" + encodeURIComponent(phone));
    for (const b of document.querySelectorAll(".thread-link")) {
      b.toggleAttribute("aria-current", b.dataset.phone === phone);
    }
    $("reply-outcome").textContent = "";
    await loadThread();
  }

  $("reply-form").addEventListener("submit", async event => {
    event.preventDefault();
    const body = $("reply").value;
    $("send-reply").disabled = true;
    const result = await textback.api("POST", base + "/" + encodeURIComponent(current) + "/replies", {body});
    $("send-reply").disabled = false;
    const shown = textback.showErrors($("thread"), textback.fieldErrors(result));
    if (result.ok) {
      $("reply").value = "";
      render(result.body);
      const sent = result.body.messages.filter(m => m.direction === "out").pop();
      $("reply-outcome").dataset.status = sent.status;
      $("reply-outcome").textContent = "Reply " + statusWords(sent) + ".";
      await loadList();
    } else if (shown === 0) {
      $("reply-outcome").dataset.status = "error";
      $("reply-outcome").textContent = "Not sent: " + textback.describeFailure(result);
    }
  });

  await loadList();
  await loadThread();
  setInterval(async () => {
    await loadList();
    await loadThread();
  }, POLL_MS);
});

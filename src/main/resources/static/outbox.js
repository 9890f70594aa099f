"use strict";

textback.onAccountPage(async account => {
  const rows = document.querySelector("#outbox tbody");

  async function load() {
    const result = await textback.api("GET", "/api/messages?status=simulated&accountId="
        + encodeURIComponent(account.id));
    rows.replaceChildren();
    for (const m of result.body || []) {
      const row = rows.insertRow();
      for (const value of [new Date(m.createdAt).toLocaleString(), m.to, m.from, m.body, m.segments]) {
        row.insertCell().textContent = value;
      }
    }
    document.getElementById("empty").hidden = rows.rows.length > 0;
  }

  document.getElementById("refresh").addEventListener("click", load);
  await load();
});

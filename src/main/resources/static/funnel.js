"use strict";
// The recovery funnel: the same numbers as GET /api/accounts/{id}/funnel?days=, as counts, rates and a chart.

textback.onAccountPage(async (account, $) => {
  const STAGES = ["missed", "texted", "delivered", "replied", "reached"];
  const COLORS = {missed: "#c62828", texted: "#1f6feb", delivered: "#5b8def", replied: "#8e44ad", reached: "#1a7f37"};
  let chart;

  async function show(days) {
    for (const b of $("periods").querySelectorAll("button")) {
      b.setAttribute("aria-checked", String(Number(b.dataset.days) === days));
    }
    const result = await textback.api("GET", "/api/accounts/" + encodeURIComponent(account.id) + "/funnel?days=" + days);
    if (!result.ok) {
      $("period").textContent = textback.describeFailure(result);
      return;
    }
    const f = result.body;
    for (const stage of STAGES) {
      const li = $("stages").querySelector("[data-stage=" + stage + "]");
      li.querySelector(".count").textContent = f.stages[stage];
      li.querySelector(".rate").textContent = stage === "missed" ? "" : Math.round(100 * f.rates[stage]) + "%";
    }
    $("period").textContent = "From " + f.from + " to " + f.to + " (UTC).";
    const data = {
      labels: f.perDay.map(d => d.date.substring(5)),
      datasets: STAGES.map(s => ({label: s[0].toUpperCase() + s.substring(1), data: f.perDay.map(d => d[s]),
        backgroundColor: COLORS[s], borderColor: COLORS[s]}))
    };
    if (chart) {
      chart.data = data;
      chart.update();
    } else {
      chart = new Chart($("chart"), {
        type: "bar", data,
        options: {responsive: true, maintainAspectRatio: false, animation: false,
          scales: {y: {beginAtZero: true, ticks: {precision: 0}}}}
      });
    }
    history.replaceState(null, "", "?account=" + encodeURIComponent(account.id) + "&days=" + days);
  }

  for (const b of $("periods").querySelectorAll("button")) {
    b.setAttribute("role", "radio");
    b.addEventListener("click", () => show(Number(b.dataset.days)));
  }
  await show(Number(new URLSearchParams(location.search).get("days")) || 30);
});

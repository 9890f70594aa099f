"use strict";
// The settings page's recipe choice, made visible: the chosen recipe's diagram (bpmn-js viewer, read-only)
// and what its author wrote about it.

document.addEventListener("DOMContentLoaded", () => {
  const select = document.getElementById("recipeKey");
  const docs = document.getElementById("recipe-docs");
  const box = document.getElementById("recipe-diagram");
  const viewer = new BpmnJS({container: box});
  let shown = null;

  async function show() {
    const key = select.value;
    if (!key || key === shown) {
      return;
    }
    shown = key;
    const path = "/api/recipes/" + encodeURIComponent(key);
    const described = await textback.api("GET", path);
    docs.textContent = described.ok ? (described.body.documentation || "Its author wrote no description.")
      : textback.describeFailure(described);
    const xml = await fetch(path + "/bpmn", {credentials: "same-origin"});
    if (!xml.ok) {
      box.hidden = true;
      return;
    }
    box.hidden = false;
    try {
      await viewer.importXML(await xml.text());
      viewer.get("canvas").zoom("fit-viewport", "auto");
      box.dataset.recipe = key;
    } catch (e) {
      docs.textContent += " (The diagram could not be drawn: " + e.message + ")";
    }
  }

  select.addEventListener("change", show);
  // settings.js selects the saved recipe (on load, after a save) without a change event.
  setInterval(show, 500);
});

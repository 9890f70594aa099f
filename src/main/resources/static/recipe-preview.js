"use strict";
// The settings page's recipe choice, made visible: the chosen recipe's diagram (bpmn-js viewer, read-only)
// and what its author wrote about it.

window.addEventListener("load", () => {
  const VIEWER = "/webjars/bpmn-js/8.0.0/dist/bpmn-viewer.production.min.js";
  const select = document.getElementById("recipeKey");
  const docs = document.getElementById("recipe-docs");
  const box = document.getElementById("recipe-diagram");
  let viewer = null; // a promise of the one viewer, made on first use
  let shown = null;

  // The viewer is large and drawing takes the main thread: both wait until the page's own forms are ready.
  function loadViewer() {
    return new Promise((resolve, reject) => {
      const script = Object.assign(document.createElement("script"), {src: VIEWER});
      script.onload = () => resolve(new BpmnJS({container: box}));
      script.onerror = () => reject(new Error("the diagram viewer could not be loaded"));
      document.head.append(script);
    });
  }

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
    box.hidden = !xml.ok;
    if (!xml.ok) {
      return;
    }
    try {
      viewer = viewer || loadViewer();
      const drawing = await viewer;
      await drawing.importXML(await xml.text());
      drawing.get("canvas").zoom("fit-viewport", "auto");
      box.dataset.recipe = key;
    } catch (e) {
      docs.textContent += " (The diagram could not be drawn: " + e.message + ")";
    }
  }

  setTimeout(() => {
    select.addEventListener("change", show);
    // settings.js selects the saved recipe (on load, after a save) without a change event.
    setInterval(show, 500);
    show();
  }, 1000);
});

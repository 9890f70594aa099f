#!/usr/bin/env node
// Draws every recipe in bpmn/ as Modeler shows it (bpmn-js in headless Chromium) into src/docs/recipes/<name>.png.
// Usage: npm --prefix src/build run render-recipes   (needs /usr/bin/chromium; Playwright never downloads a browser)
const fs = require('node:fs');
const path = require('node:path');
const { chromium } = require('playwright-core');

const REPO = path.resolve(__dirname, '../..');
const RECIPES = path.join(REPO, 'bpmn');
const OUT = path.join(REPO, 'src/docs/recipes');
const PADDING = 24;
// bpmn.io's licence keeps its logo on every drawing: a strip below the diagram leaves it clear of the labels.
const LOGO_STRIP = 44;

async function main() {
  const recipes = fs.readdirSync(RECIPES).filter(name => name.endsWith('.bpmn')).sort();
  fs.mkdirSync(OUT, { recursive: true });
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update']
  });
  try {
    const page = await browser.newPage({ deviceScaleFactor: 2 });
    await page.setContent('<!doctype html><html><body style="margin:0;background:#fff"><div id="canvas"></div></body></html>');
    for (const css of ['diagram-js.css', 'bpmn-js.css']) {
      await page.addStyleTag({ path: require.resolve(`bpmn-js/dist/assets/${css}`) });
    }
    await page.addScriptTag({ path: require.resolve('bpmn-js/dist/bpmn-viewer.production.min.js') });
    for (const file of recipes) {
      const xml = fs.readFileSync(path.join(RECIPES, file), 'utf8');
      const size = await page.evaluate(async ({ xml, padding, logoStrip }) => {
        document.getElementById('canvas').innerHTML = '';
        const viewer = new window.BpmnJS({ container: '#canvas' });
        const { warnings } = await viewer.importXML(xml);
        if (warnings.length) {
          throw new Error(warnings.map(w => w.message).join('; '));
        }
        // Draw at 100% with the whole diagram in view, however far it sits from the origin.
        const bounds = viewer.get('canvas').getActiveLayer().getBBox();
        const width = Math.ceil(bounds.width + 2 * padding);
        const height = Math.ceil(bounds.height + 2 * padding + logoStrip);
        const container = document.getElementById('canvas');
        container.style.width = width + 'px';
        container.style.height = height + 'px';
        viewer.get('canvas').resized();
        viewer.get('canvas').viewbox({ x: bounds.x - padding, y: bounds.y - padding, width, height });
        return { width, height };
      }, { xml, padding: PADDING, logoStrip: LOGO_STRIP });
      await page.setViewportSize(size);
      const target = path.join(OUT, file.replace(/\.bpmn$/, '.png'));
      await page.locator('#canvas').screenshot({ path: target });
      console.log(`${path.relative(REPO, target)}: ${size.width}x${size.height}`);
    }
  } finally {
    await browser.close();
  }
}

main().catch(error => {
  console.error(error.message);
  process.exit(1);
});

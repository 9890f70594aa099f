#!/usr/bin/env node
// Checks recipes and element templates the way Camunda Modeler would, so a file Modeler would flag never ships.
// Usage: node lint-recipes.js [file or folder ...]   (default: the repository's bpmn/ folder)
const fs = require('node:fs');
const path = require('node:path');
const { spawnSync } = require('node:child_process');
const { validate } = require('@bpmn-io/element-templates-validator');

const REPO = path.resolve(__dirname, '../..');
const CONFIG = path.join(REPO, 'bpmn/.bpmnlintrc');

function collect(target, found) {
  const stat = fs.statSync(target);
  if (stat.isDirectory()) {
    for (const entry of fs.readdirSync(target)) {
      collect(path.join(target, entry), found);
    }
  } else if (target.endsWith('.bpmn')) {
    found.bpmn.push(target);
  } else if (target.endsWith('.json') && (found.named.has(target) || path.basename(path.dirname(target)) === 'element-templates')) {
    found.templates.push(target);
  }
}

function lintDiagrams(files) {
  if (files.length === 0) {
    return true;
  }
  // bpmnlint finds its plugins from the working directory, which is where they are installed.
  const result = spawnSync(process.execPath,
    [require.resolve('bpmnlint/bin/bpmnlint.js'), '--config', CONFIG, '--max-warnings', '0', ...files],
    { cwd: __dirname, stdio: 'inherit', env: { ...process.env, FORCE_COLOR: '0' } });
  return result.status === 0;
}

function checkTemplate(file) {
  const text = fs.readFileSync(file, 'utf8');
  let parsed;
  try {
    parsed = JSON.parse(text);
  } catch (error) {
    return [`not JSON: ${error.message}`];
  }
  // A file holds one template or a list of them; validating the text itself gives line numbers.
  const templates = Array.isArray(parsed) ? parsed : [parsed];
  const results = Array.isArray(parsed) ? parsed.map(template => validate(template)) : [validate(text)];
  const problems = [];
  results.forEach((result, i) => {
    for (const error of result.errors || []) {
      const where = error.dataPointer ? ` (line ${error.dataPointer.value.line + 1})` : '';
      const prefix = Array.isArray(parsed) ? `[${i}]` : '';
      problems.push(`${prefix}${error.instancePath || error.dataPath || '/'}${where}: ${error.message}`);
    }
  });
  // Modeler checks a field against its pattern with a JavaScript RegExp, so a pattern must compile as one.
  for (const property of templates.flatMap(template => template.properties || [])) {
    const pattern = property.constraints && property.constraints.pattern;
    const source = pattern && (typeof pattern === 'string' ? pattern : pattern.value);
    if (source) {
      try {
        new RegExp(source);
      } catch (error) {
        problems.push(`field "${property.label || (property.binding || {}).name}": pattern does not compile: ${error.message}`);
      }
    }
  }
  return problems;
}

const targets = process.argv.slice(2).map(arg => path.resolve(arg));
const found = { bpmn: [], templates: [], named: new Set(targets) };
for (const target of targets.length ? targets : [path.join(REPO, 'bpmn')]) {
  collect(target, found);
}

let ok = lintDiagrams(found.bpmn);
for (const file of found.templates) {
  const problems = checkTemplate(file);
  if (problems.length) {
    ok = false;
    console.log(`\n${file}`);
    problems.forEach(problem => console.log(`  error  ${problem}`));
  }
}
console.log(`${ok ? 'OK' : 'FAILED'}: ${found.bpmn.length} recipe(s) linted, ${found.templates.length} element template(s) validated`);
process.exit(ok ? 0 : 1);

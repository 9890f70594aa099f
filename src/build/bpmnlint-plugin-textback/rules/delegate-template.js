const fs = require('node:fs');
const path = require('node:path');

const TEMPLATES_DIR = path.resolve(__dirname, '../../../../bpmn/.camunda/element-templates');

/** The shipped templates by the delegate expression they set, e.g. "${sendText}" -> Send text v1. */
function templatesByDelegate() {
  const byDelegate = new Map();
  for (const file of fs.readdirSync(TEMPLATES_DIR).filter(name => name.endsWith('.json'))) {
    const template = JSON.parse(fs.readFileSync(path.join(TEMPLATES_DIR, file), 'utf8'));
    const delegate = (template.properties || []).find(p =>
      p.binding && p.binding.type === 'property' && p.binding.name === 'camunda:delegateExpression');
    if (delegate) {
      byDelegate.set(delegate.value, template);
    }
  }
  return byDelegate;
}

/**
 * A business user edits a delegate's inputs through its element template's form, so every task
 * calling one of our delegates must have that template, at its current version, applied.
 */
module.exports = function() {
  const templates = templatesByDelegate();

  function check(node, reporter) {
    const delegate = node.get && node.get('camunda:delegateExpression');
    if (!delegate) {
      return;
    }
    const template = templates.get(delegate);
    if (!template) {
      reporter.report(node.id, `No element template sets delegate ${delegate}: add one to bpmn/.camunda/element-templates`);
      return;
    }
    const applied = node.get('camunda:modelerTemplate');
    const version = node.get('camunda:modelerTemplateVersion');
    if (applied !== template.id) {
      reporter.report(node.id, `Apply element template "${template.name}" (${template.id}) to this task`);
    } else if (Number(version) !== template.version) {
      reporter.report(node.id,
        `Element template "${template.name}" is at version ${template.version}, this task has version ${version}: update it in Modeler`);
    }
  }

  return { check };
};

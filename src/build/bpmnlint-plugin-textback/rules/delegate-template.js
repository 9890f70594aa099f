const fs = require('node:fs');
const path = require('node:path');

const TEMPLATES_DIR = path.resolve(__dirname, '../../../../bpmn/.camunda/element-templates');

/**
 * The shipped templates by what their task calls: a delegate expression ("${tagCaller}") or an
 * external task topic ("topic:textback.send-text").
 */
function templatesByImplementation() {
  const byImplementation = new Map();
  for (const file of fs.readdirSync(TEMPLATES_DIR).filter(name => name.endsWith('.json'))) {
    const template = JSON.parse(fs.readFileSync(path.join(TEMPLATES_DIR, file), 'utf8'));
    const bound = name => (template.properties || []).find(p =>
      p.binding && p.binding.type === 'property' && p.binding.name === name);
    const delegate = bound('camunda:delegateExpression');
    const topic = bound('camunda:topic');
    if (delegate) {
      byImplementation.set(delegate.value, template);
    }
    if (topic) {
      byImplementation.set('topic:' + topic.value, template);
    }
  }
  return byImplementation;
}

/** What a task calls, in the keys of templatesByImplementation, or null for a task that calls neither. */
function implementationOf(node) {
  if (!node.get) {
    return null;
  }
  const delegate = node.get('camunda:delegateExpression');
  if (delegate) {
    return delegate;
  }
  const topic = node.get('camunda:type') === 'external' && node.get('camunda:topic');
  return topic && topic.startsWith('textback.') ? 'topic:' + topic : null;
}

/**
 * A business user edits a delegate's inputs through its element template's form, so every task
 * calling one of our delegates or send workers must have that template, at its current version, applied.
 */
module.exports = function() {
  const templates = templatesByImplementation();

  function check(node, reporter) {
    const implementation = implementationOf(node);
    if (!implementation) {
      return;
    }
    const template = templates.get(implementation);
    if (!template) {
      reporter.report(node.id, `No element template calls ${implementation}: add one to bpmn/.camunda/element-templates`);
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

// `new URL('../../x', import.meta.url)` is an import in disguise: the package-boundary rule of
// dependency-cruiser cannot see it. This rule resolves such a URL against the file and reports it
// when it lands inside another package or app (docs/ and the workspace root stay reachable).
import { dirname, relative, resolve, sep } from 'node:path';

/** `packages/<name>` or `apps/<name>` of a path relative to the workspace root, or undefined. */
function ownerOf(path) {
  const [area, name] = path.split(sep);
  return (area === 'packages' || area === 'apps') && name !== undefined ? `${area}/${name}` : undefined;
}

const isImportMetaUrl = (node) =>
  node?.type === 'MemberExpression' &&
  node.object.type === 'MetaProperty' &&
  node.object.meta.name === 'import' &&
  node.property.type === 'Identifier' &&
  node.property.name === 'url';

/** @type {import('eslint').Rule.RuleModule} */
export const noUrlIntoOtherPackage = {
  meta: {
    type: 'problem',
    docs: { description: 'No new URL(relative, import.meta.url) into another package or app' },
    schema: [{ type: 'object', properties: { root: { type: 'string' } }, additionalProperties: false }],
    messages: {
      reaches: "new URL('{{spec}}', import.meta.url) reaches into {{target}}: import it through its package's exports.",
    },
  },
  create(context) {
    const root = context.options[0]?.root ?? context.cwd;
    const from = relative(root, context.filename);
    const owner = ownerOf(from);
    return {
      NewExpression(node) {
        if (node.callee.type !== 'Identifier' || node.callee.name !== 'URL') return;
        const [spec, base] = node.arguments;
        if (spec?.type !== 'Literal' || typeof spec.value !== 'string' || !isImportMetaUrl(base)) return;
        if (!spec.value.startsWith('.')) return;
        const target = relative(root, resolve(dirname(context.filename), spec.value));
        const targetOwner = ownerOf(target);
        if (targetOwner !== undefined && targetOwner !== owner) {
          context.report({ node, messageId: 'reaches', data: { spec: spec.value, target: targetOwner } });
        }
      },
    };
  },
};

export const marginaliaPlugin = { rules: { 'no-url-into-other-package': noUrlIntoOtherPackage } };

// dependency-cruiser rules for the workspace's architecture (DESIGN.md, "Layout and the direction
// of dependencies"; docs/architecture.md). `pnpm lint` runs them over packages/ and apps/; each rule
// has a fixture that breaks it (packages/testkit/src/architecture/architecture-rules.test.ts).

/** What the relay core may use: itself, the ports, the pure packages and Yjs. */
const CORE_MAY_USE = [
  '^packages/relay/src/(core|ports)/',
  '^packages/(protocol|model)/src/',
  'node_modules/(yjs|lib0|y-protocols)/',
];

/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    {
      name: 'no-circular',
      severity: 'error',
      comment: 'No import cycles between modules.',
      from: {},
      to: { circular: true },
    },
    {
      name: 'relay-core-pure',
      severity: 'error',
      comment:
        'packages/relay/src/core runs anywhere: no Node built-ins, ws, hono or adapters (storage, fanout, ' +
        'http/, metrics/): only core/, ports/, protocol, model and Yjs. Tests are exempt.',
      from: { path: '^packages/relay/src/core/', pathNot: '\\.test\\.[cm]?[jt]sx?$' },
      to: { pathNot: CORE_MAY_USE },
    },
    {
      name: 'package-boundary',
      severity: 'error',
      comment: 'A package or app uses another only through its exports (`@marginalia/x`), never by a relative path.',
      from: { path: '^(packages|apps)/([^/]+)/' },
      to: { path: '^(packages|apps)/', pathNot: '^$1/$2/', dependencyTypes: ['local'] },
    },
    {
      name: 'pure-bottom-layer',
      severity: 'error',
      comment:
        'protocol and model (their tests included) depend on no other workspace package but seeded-rng: ' +
        'the testkit depends on the relay, which depends on the model, so model -> testkit would be a cycle.',
      from: { path: '^packages/(protocol|model)/' },
      to: {
        path: '^(packages/|@marginalia/)',
        pathNot: '^(packages/(protocol|model|seeded-rng)/|@marginalia/(protocol|model|seeded-rng)$)',
      },
    },
    {
      name: 'resolvable',
      severity: 'error',
      comment:
        'Every import resolves. A workspace package imported past its exports map (`@marginalia/x/src/...`) ' +
        "does not, so this also keeps packages to each other's exports.",
      from: {},
      to: { couldNotResolve: true },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: {
      path: ['(^|/)dist(-types)?/', '(^|/)\\.tsbuild/', 'architecture-fixtures/', 'apps/package-smoke/consumer/'],
    },
    tsPreCompilationDeps: true,
    webpackConfig: { fileName: require('node:path').join(__dirname, 'dependency-cruiser-resolve.cjs') },
    enhancedResolveOptions: {
      exportsFields: ['exports'],
      conditionNames: ['import', 'module', 'node', 'types', 'default'],
      extensions: ['.ts', '.tsx', '.js', '.mjs', '.cjs', '.d.ts'],
      mainFields: ['module', 'main', 'types', 'typings'],
    },
  },
};

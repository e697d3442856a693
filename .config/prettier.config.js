// Prettier for the workspace (`pnpm format`, `pnpm format:check`; configs live in .config/ because
// the repo's top level is kept to packages/, apps/, docs/ and the workspace files).
/** @type {import('prettier').Config} */
export default {
  printWidth: 120,
  singleQuote: true,
  trailingComma: 'all',
  arrowParens: 'always',
  endOfLine: 'lf',
  overrides: [{ files: '*.md', options: { printWidth: 100, proseWrap: 'preserve' } }],
};

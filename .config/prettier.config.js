// Prettier for the workspace (`pnpm format`, `pnpm format:check`; configs live in .config/ because
// the repo's top level is kept to packages/, apps/, docs/ and the workspace files).
/** @type {import('prettier').Config} */
export default {
  printWidth: 120,
  singleQuote: true,
  trailingComma: 'all',
  arrowParens: 'always',
  endOfLine: 'lf',
  // Code blocks in docs are left as written: tests compare some of them word for word with source
  // files (formatted at 120 columns) and run the others.
  overrides: [
    { files: '*.md', options: { printWidth: 100, proseWrap: 'preserve', embeddedLanguageFormatting: 'off' } },
  ],
};

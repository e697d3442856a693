import { pathToFileURL, fileURLToPath } from 'node:url';
import { ESLint } from 'eslint';
import { beforeAll, describe, expect, it } from 'vitest';

// The workspace's own ESLint rule (.config/eslint-rules/), run by real ESLint on files that break it.
const ROOT = fileURLToPath(new URL('../../../../', import.meta.url));
let eslint: ESLint;
beforeAll(async () => {
  const rules = pathToFileURL(`${ROOT}.config/eslint-rules/no-url-into-other-package.js`).href;
  const { marginaliaPlugin } = (await import(rules)) as { marginaliaPlugin: ESLint.Plugin };
  eslint = new ESLint({
    cwd: ROOT,
    overrideConfigFile: true,
    overrideConfig: [
      {
        files: ['**/*.js'],
        plugins: { marginalia: marginaliaPlugin },
        rules: { 'marginalia/no-url-into-other-package': ['error', { root: ROOT }] },
      },
    ],
  });
});

async function findings(code: string, filePath: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath: `${ROOT}${filePath}` });
  return (result?.messages ?? []).map((message) => `${message.ruleId ?? 'fatal'}: ${message.message}`);
}

describe('marginalia/no-url-into-other-package', () => {
  it("reports new URL('../../…', import.meta.url) that lands in another package or app", async () => {
    const code = "export const file = new URL('../../relay/src/core/room.ts', import.meta.url);";
    expect(await findings(code, 'packages/client/src/probe.js')).toEqual([
      "marginalia/no-url-into-other-package: new URL('../../relay/src/core/room.ts', import.meta.url) reaches into packages/relay: import it through its package's exports.",
    ]);
    const app = "export const bin = new URL('../../../apps/relay-server/src/main.ts', import.meta.url);";
    expect(await findings(app, 'packages/testkit/src/probe.js')).toHaveLength(1);
  });

  it('allows URLs inside the same package, into docs/, and any other base or absolute URL', async () => {
    const code = [
      "export const own = new URL('../package.json', import.meta.url);",
      "export const docs = new URL('../../../docs/api.md', import.meta.url);",
      "export const other = new URL('../../relay/src/x.ts', 'http://example.com/a/b/c/');",
      "export const absolute = new URL('https://example.com/', import.meta.url);",
    ].join('\n');
    expect(await findings(code, 'apps/relay-server/src/probe.js')).toEqual([]);
  });
});

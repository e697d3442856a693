/**
 * tsc's errors outside yjs and hono. Those two libraries' own declarations name DOM types
 * (`Document`, `Node`, `RequestInfo`), which a consumer without the DOM lib reports; ours must not.
 */
export function ownErrors(output: string): string[] {
  return output
    .split('\n')
    .filter((line) => line.includes('error TS'))
    .filter((line) => !/^(\.\.\/)*node_modules\/(yjs|hono)\//.test(line));
}

/** `pnpm bench`: see args.ts for flags and docs/benchmarks.md for the method. */
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { aggregate } from './aggregate.js';
import { parseBenchArgs } from './args.js';
import { describeMachine, describeVersions } from './report/machine.js';
import { keptTail } from './report/kept-sections.js';
import { renderReport } from './report/markdown.js';
import { summarizeProfiles } from './report/profile-summary.js';
import { renderChart } from './report/svg-chart.js';
import { renderRatios } from './report/ratios.js';
import { renderTable } from './report/table.js';
import { evaluateTargets, renderTargets } from './report/targets.js';
import { runBench } from './run-bench.js';
import { detectPinning, pinSelf } from './servers/pinning.js';
import { SERVER_LABELS, type ServerKind } from './servers/server-kind.js';
import { createWorkloads } from './workloads/index.js';

const docsDir = fileURLToPath(new URL('../../../docs', import.meta.url));
/** Hand-written analysis of the latest full run, included in the report when present. */
const findingsFile = fileURLToPath(new URL('../FINDINGS.md', import.meta.url));

const args = parseBenchArgs(process.argv.slice(2).filter((a) => a !== '--'));
const pinning = detectPinning();
pinSelf(pinning);
const machine = describeMachine();
const started = Date.now();
const cpuProfDir = args.cpuProf ? mkdtempSync(join(tmpdir(), 'marginalia-cpu-prof-')) : undefined;
const workloads = createWorkloads(args.sizes, args.only);
console.log(`${pinning.description}; ${args.runs} run(s); servers ${args.servers.join(', ')}`);

const results = await runBench({ ...args, workloads, pinning, cpuProfDir, log: (line) => console.log(line) });
const table = aggregate(results);
const titles = new Map(workloads.map((w) => [w.key, w.title]));
const tableText = renderTable(table, args.servers, titles);
const targets = args.servers.includes('marginalia')
  ? renderTargets(evaluateTargets(table))
  : '(Marginalia relay not run)';
const ratios = renderRatios(table);
const profileOf = (server: ServerKind) => (cpuProfDir ? summarizeProfiles(join(cpuProfDir, server)) : undefined);
const profile = profileOf('marginalia');
console.log(`\n${tableText}\n\n${ratios}\n\n${targets}\n`);
for (const server of args.servers) {
  const summary = profileOf(server);
  if (summary)
    console.log(`### ${SERVER_LABELS[server]} (profiles in ${join(cpuProfDir as string, server)})\n\n${summary}\n`);
}

if (args.write) {
  const command = `pnpm bench ${process.argv
    .slice(2)
    .filter((a) => a !== '--')
    .join(' ')}`.trim();
  const report = renderReport({
    command,
    date: new Date(started).toISOString().slice(0, 16).replace('T', ' ') + ' UTC',
    durationMinutes: (Date.now() - started) / 60_000,
    runs: args.runs,
    sizes: args.sizes,
    machine,
    loadAverageAfter: loadavg()
      .map((l) => l.toFixed(2))
      .join(' '),
    pinning: pinning.description,
    versions: describeVersions(),
    targets,
    table: tableText,
    ratios,
    profile,
    findings: existsSync(findingsFile) ? readFileSync(findingsFile, 'utf8').trim() : undefined,
  });
  const reportFile = join(docsDir, 'benchmarks.md');
  const existing = existsSync(reportFile) ? readFileSync(reportFile, 'utf8') : '';
  writeFileSync(reportFile, `${report.trimEnd()}\n\n${keptTail(existing)}`);
  writeFileSync(join(docsDir, 'benchmarks.svg'), renderChart(table, args.servers));
  console.log(`wrote ${join(docsDir, 'benchmarks.md')} and benchmarks.svg`);
}

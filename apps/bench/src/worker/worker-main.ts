/**
 * Entry of a client worker process: `worker-main.ts <workload>`. Loads the workload's client side
 * and runs the phases the coordinator sends over IPC, replying with each phase's result.
 */
import { createLoopMonitor } from './loop-monitor.js';
import type { PhaseReply, PhaseRequest, Phases } from './phases.js';

const workload = process.argv[2];
if (!workload || !/^[a-z-]+$/.test(workload)) throw new Error(`bad workload name: ${workload}`);
// Every y-websocket provider adds a process 'exit' listener; hundreds per worker are expected.
process.setMaxListeners(0);

const module = (await import(`../workloads/${workload}-worker.js`)) as { createWorkerPhases(): Phases };
const monitor = createLoopMonitor();
const phases: Phases = {
  ...module.createWorkerPhases(),
  'loop-reset': async () => monitor.reset(),
  'loop-read': async () => monitor.read(),
};

process.on('message', (request: PhaseRequest) => {
  void run(request).then((reply) => process.send?.(reply));
});
process.on('disconnect', () => process.exit(0));

async function run(request: PhaseRequest): Promise<PhaseReply> {
  const phase = phases[request.phase] as ((args: unknown) => Promise<unknown>) | undefined;
  if (!phase) return { id: request.id, ok: false, error: `no phase ${request.phase} in ${workload}` };
  try {
    return { id: request.id, ok: true, result: await phase(request.args) };
  } catch (error) {
    return {
      id: request.id,
      ok: false,
      error: error instanceof Error ? (error.stack ?? error.message) : String(error),
    };
  }
}

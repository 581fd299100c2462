// A job's worker thread: its own database connection, the same services, progress and cancel through messages.
import { renameSync, rmSync, writeFileSync } from 'node:fs';
import { parentPort, receiveMessageOnPort, workerData } from 'node:worker_threads';
import { openEngine } from '../db/open.ts';
import { createServiceContext } from '../services/context.ts';
import { DomainError } from '../services/errors.ts';
import { JOB_DEFINITIONS, JobCancelled } from './definitions.ts';
import type { FromWorker, ToWorker, WorkerInput } from './protocol.ts';

const input = workerData as WorkerInput;
const port = parentPort!;
const post = (message: FromWorker) => port.postMessage(message);
let cancelRequested = false;
port.on('message', (message: ToWorker) => {
  if (message.type === 'cancel') cancelRequested = true;
});

async function main(): Promise<void> {
  const engine = await openEngine(input.engine, { migrate: false });
  try {
    const services = createServiceContext(engine, () => new Date(Date.now() + input.clockOffsetMs));
    const definition = JOB_DEFINITIONS[input.kind];
    let lastSent = 0;
    const outcome = await definition.run({
      services,
      jobId: input.jobId,
      dataDir: input.dataDir,
      actor: input.actor,
      secrets: input.secrets,
      params: definition.params.parse(input.params) as never,
      progress(done, total, phase) {
        const now = performance.now();
        // At most ten progress messages a second, and always the last one.
        if (now - lastSent < 100 && done !== total) return;
        lastSent = now;
        post({ type: 'progress', done, total, phase: phase ?? null });
      },
      checkCancelled() {
        // A cancel message is only delivered while the thread waits; a synchronous batch loop would never see it.
        if (cancelRequested || receiveCancel()) throw new JobCancelled();
      },
    });
    let result: { name: string; mediaType: string } | null = null;
    if (outcome.result) {
      const partial = `${input.resultPath}.partial`;
      writeFileSync(partial, outcome.result.bytes);
      renameSync(partial, input.resultPath);
      result = { name: outcome.result.name, mediaType: outcome.result.mediaType };
    }
    post({ type: 'done', counts: outcome.counts, result });
  } catch (error) {
    rmSync(`${input.resultPath}.partial`, { force: true });
    if (error instanceof JobCancelled) post({ type: 'cancelled' });
    else if (error instanceof DomainError) post({ type: 'failed', error: error.details ? { code: error.code, details: error.details } : { code: error.code } });
    else {
      console.error(`ombudsdesk: job ${input.jobId} (${input.kind}) failed`, error);
      post({ type: 'failed', error: { code: 'internal' } });
    }
  } finally {
    await engine.close();
  }
}

function receiveCancel(): boolean {
  for (let message = receiveMessageOnPort(port); message; message = receiveMessageOnPort(port)) {
    if ((message.message as ToWorker).type === 'cancel') cancelRequested = true;
  }
  return cancelRequested;
}

await main();

// What the benchmarks measure with (bench/run.ts on SQLite, bench/postgres.ts on PostgreSQL): medians of a path through the
// app beside the same statements sent raw, and the case both create.
import type { CreateCaseInput } from '../main/services/cases.ts';

export function median(samples: number[]): number {
  const sorted = [...samples].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
}

/**
 * Medians of the app path and the raw path after `warmUp` rounds of each, measured alternately so drift (caches, CPU
 * clock) hits both alike.
 */
export async function timePair(app: () => unknown, raw: () => unknown, runs: number, warmUp: number): Promise<{ app: number; raw: number }> {
  for (let i = 0; i < Math.min(warmUp, runs); i++) {
    await app();
    await raw();
  }
  const samples = { app: [] as number[], raw: [] as number[] };
  for (let i = 0; i < runs; i++) {
    for (const [name, fn] of i % 2 ? ([['raw', raw], ['app', app]] as const) : ([['app', app], ['raw', raw]] as const)) {
      const start = performance.now();
      await fn();
      samples[name].push(performance.now() - start);
    }
  }
  return { app: median(samples.app), raw: median(samples.raw) };
}

/** The case the benchmarks create again and again (a phoned-in complaint with a named submitter). */
export function benchCase(departmentId: number): CreateCaseInput {
  return {
    kind: 'complaint',
    channel: 'phone',
    origin: 'external',
    subject: 'Straßenlaterne in der Goethestraße defekt',
    description: 'Seit einer Woche dunkel, Gefahr für Fußgänger.',
    submitter: { anonymous: false, name: 'Sören Weiß', email: null, phone: '0221 555', address: null, organisation: null, language: 'de', consent: true, consentText: 'Einwilligung erteilt' },
    departmentId,
    priority: 'normal',
  };
}

// useJob: starts a background job in main and follows it through its jobProgress events, until it ends.
//
//   const job = useJob();
//   <button onClick={() => void job.start('youSaidWeDidXlsx', { year, language })} disabled={job.running}>Export</button>
//   <JobProgress job={job} />
//
// Events that arrive before startJob has answered are kept by job id, so a job that ends at once is not missed. A job
// that produced a file (an export) is fetched and saved when it is done (useJob({ saveResult: false }): the screen
// reads the result itself, e.g. an import's row errors). One job at a time per hook: start() while one
// runs does nothing, so a double click starts one job.
import { useCallback, useEffect, useRef, useState } from 'react';
import type { ChannelInput } from '../../main/api/contract.ts';
import type { JobRecord } from '../../main/api/types.ts';
import { call } from './api.ts';
import { saveToDisk } from './download.ts';

type StartInput = ChannelInput<'startJob'>;

export interface Job {
  /** The job as last heard of (null before the first start). */
  record: JobRecord | null;
  running: boolean;
  error: unknown;
  start<K extends StartInput['kind']>(kind: K, params: Extract<StartInput, { kind: K }>['params']): Promise<void>;
  /** Starts a job through a channel of its own (an import that sends files first), followed the same way. */
  run(starter: () => Promise<JobRecord>): Promise<void>;
  cancel(): void;
}

export function useJob({ saveResult = true }: { saveResult?: boolean } = {}): Job {
  const [record, setRecord] = useState<JobRecord | null>(null);
  const [error, setError] = useState<unknown>(null);
  const current = useRef<number | null>(null);
  const starting = useRef(false);
  const [startPending, setStartPending] = useState(false);
  const early = useRef(new Map<number, JobRecord>());
  const saved = useRef(new Set<number>());

  const take = useCallback((next: JobRecord) => {
    if (next.id !== current.current) return;
    setRecord((previous) => (previous && previous.id === next.id && previous.status !== 'running' ? previous : next));
    if (saveResult && next.status === 'done' && next.resultName && !saved.current.has(next.id)) {
      saved.current.add(next.id);
      call('jobResult', { id: next.id }).then((file) => saveToDisk(file.fileName, file.dataBase64), setError);
    }
  }, [saveResult]);

  useEffect(
    () =>
      window.ombudsdeskEvents.on('jobProgress', (payload) => {
        // Another job's event may be this hook's next job, heard before its start has answered (a second import that
        // ends at once): kept, not dropped, or the screen would wait for an end it already missed.
        if (payload.id === current.current) take(payload);
        else early.current.set(payload.id, payload);
      }),
    [take],
  );

  const run = useCallback<Job['run']>(
    async (starter) => {
      if (starting.current || (record && record.status === 'running')) return;
      starting.current = true;
      setStartPending(true);
      setError(null);
      try {
        const started = await starter();
        current.current = started.id;
        setRecord(started);
        const heard = early.current.get(started.id);
        early.current.clear();
        if (heard) take(heard);
      } catch (failure) {
        setError(failure);
      } finally {
        starting.current = false;
        setStartPending(false);
      }
    },
    [record, take],
  );
  const start = useCallback<Job['start']>((kind, params) => run(() => call('startJob', { kind, params } as StartInput)), [run]);

  const cancel = useCallback(() => {
    if (current.current !== null) call('cancelJob', { id: current.current }).catch(setError);
  }, []);

  return { record, running: startPending || record?.status === 'running', error, start, run, cancel };
}

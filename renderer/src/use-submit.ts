// useSubmit: every button or form that writes runs its calls through this, so a double click does the work once.
//
//   const { run, busy } = useSubmit();
//   async function save(event: FormEvent) {
//     event.preventDefault();
//     setError(null);
//     try {
//       await run(async (send) => setItem(await send('saveItem', { ...fields })));
//     } catch (failure) {
//       setError(failure);
//     }
//   }
//   <button type="submit" disabled={busy} aria-busy={busy}>…</button>
//
// - run(task) ignores a call while the previous one still runs (it resolves to undefined and does nothing), and passes
//   on the task's value or error otherwise. busy is true while a task runs: put it on disabled and aria-busy of every
//   button of the view that writes (busy follows a render later; the ignoring does not, so a double click is safe anyway).
// - send(channel, input) is call() for writes with a requestId added (main then runs the write once: the same request
//   again returns the stored result, see main/api/request-ids.ts). Reads go through call() as usual.
//   The id is one per submission and call: the same channel and input sent again after the submission failed (a retry)
//   carries the same id, so what already went through is not done twice; another input gets another id, and once a
//   submission succeeded every id is new. A submission may make several writes (each its own id).
import { useCallback, useRef, useState } from 'react';
import type { RequestIdChannel } from '../../main/api/request-ids.ts';
import type { ChannelInput, ChannelOutput } from '../../main/api/contract.ts';
import { call } from './api.ts';

export type Send = <K extends RequestIdChannel>(channel: K, input: ChannelInput<K>) => Promise<ChannelOutput<K>>;

export interface Submit {
  run<T>(task: (send: Send) => Promise<T>): Promise<T | undefined>;
  busy: boolean;
}

export function useSubmit(): Submit {
  const running = useRef(false);
  // Request ids of the calls since the last submission that succeeded, by channel and input: kept for a retry.
  const ids = useRef(new Map<string, string>());
  const [busy, setBusy] = useState(false);

  const run = useCallback(async <T,>(task: (send: Send) => Promise<T>): Promise<T | undefined> => {
    if (running.current) return undefined;
    running.current = true;
    setBusy(true);
    const send: Send = (channel, input) => {
      const key = `${channel} ${JSON.stringify(input)}`;
      let requestId = ids.current.get(key);
      if (!requestId) {
        requestId = crypto.randomUUID();
        ids.current.set(key, requestId);
      }
      return call(channel, { ...input, requestId } as ChannelInput<typeof channel>);
    };
    try {
      const value = await task(send);
      ids.current.clear();
      return value;
    } finally {
      running.current = false;
      setBusy(false);
    }
  }, []);

  return { run, busy };
}

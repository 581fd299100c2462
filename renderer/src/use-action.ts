// useAction: a button or form that writes, with its busy state and its last error in one place. Built on useSubmit,
// so a second run while one is under way is ignored (a double click does the work once) and writes carry requestIds.
//
//   const action = useAction();
//   async function save(event: FormEvent) {
//     event.preventDefault();
//     const saved = await action.run((send) => send('saveItem', { ...fields }));
//     if (saved) setItem(saved);
//   }
//   <ErrorMessage error={action.error} />
//   <button type="submit" disabled={action.busy} aria-busy={action.busy}>…</button>
//
// - run(task, onError?) clears the last error, runs the task and resolves to its value; it resolves to undefined when
//   the task failed (the failure is then in `error`, typed as an ApiFailure) or was ignored because another ran.
//   It never rejects. onError sees the failure first: returning true means it was shown elsewhere (at a field), and
//   `error` stays empty.
// - fail(error) shows a failure of the caller's own (a check before asking main) the same way; clear() removes it.
import { useCallback, useMemo, useState } from 'react';
import { ApiFailure, toFailure } from './api.ts';
import { useSubmit, type Send } from './use-submit.ts';

export interface Action {
  run<T>(task: (send: Send) => Promise<T>, onError?: (failure: ApiFailure) => boolean | void): Promise<T | undefined>;
  busy: boolean;
  error: ApiFailure | null;
  fail(error: ApiFailure): void;
  clear(): void;
}

export function useAction(): Action {
  const submit = useSubmit();
  const [error, setError] = useState<ApiFailure | null>(null);
  const { run: runOnce, busy } = submit;

  const run = useCallback(
    async <T,>(task: (send: Send) => Promise<T>, onError?: (failure: ApiFailure) => boolean | void): Promise<T | undefined> => {
      setError(null);
      try {
        return await runOnce(task);
      } catch (thrown) {
        const failure = toFailure(thrown);
        if (!(thrown instanceof ApiFailure)) console.error(thrown);
        if (onError?.(failure) !== true) setError(failure);
        return undefined;
      }
    },
    [runOnce],
  );
  const clear = useCallback(() => setError(null), []);

  return useMemo(() => ({ run, busy, error, fail: setError, clear }), [run, busy, error, clear]);
}

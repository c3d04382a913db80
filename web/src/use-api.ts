// Loads something from the API for a view: loading, the data, or the error; reloads when its
// inputs change and on demand. An answer that arrives after newer inputs is dropped, and
// between a change of inputs and the start of its request the view is loading already, so it
// never draws the old answer under the new inputs for a frame. When new data lands on the
// server (live.ts) the view reloads quietly: no loading state, the old answer stays on screen
// until the new one replaces it (and stays if the reload fails).
import { useCallback, useContext, useEffect, useRef, useState } from 'react';
import { ApiError } from './api';
import { DataVersion } from './live';

export interface Loaded<T> {
  data: T | null;
  error: ApiError | null;
  loading: boolean;
  reload(): void;
}

interface State<T> {
  data: T | null;
  error: ApiError | null;
  loading: boolean;
  /** The inputs the request behind this state was made for. */
  for: readonly unknown[] | null;
}

const same = (a: readonly unknown[] | null, b: readonly unknown[]) => a !== null && a.length === b.length && a.every((x, i) => Object.is(x, b[i]));

export function useApi<T>(load: () => Promise<T>, deps: readonly unknown[]): Loaded<T> {
  const [state, setState] = useState<State<T>>({ data: null, error: null, loading: true, for: null });
  const [tick, setTick] = useState(0);
  const seq = useRef(0);
  const version = useContext(DataVersion);
  const inputs = [...deps, tick];
  /** The inputs and data version of the last request. */
  const last = useRef<{ inputs: readonly unknown[]; version: number } | null>(null);
  useEffect(() => {
    const mine = ++seq.current;
    // Only the data version moved: a quiet reload of what is shown.
    const quiet = last.current !== null && last.current.version !== version && same(last.current.inputs, inputs);
    last.current = { inputs, version };
    if (!quiet) setState((s) => ({ ...s, loading: true, error: null, for: inputs }));
    load().then(
      (data) => mine === seq.current && setState({ data, error: null, loading: false, for: inputs }),
      (e: unknown) => {
        if (mine !== seq.current) return;
        if (quiet) setState((s) => ({ ...s, loading: false }));
        else setState({ data: null, error: e instanceof ApiError ? e : new ApiError(0, 'client', String(e)), loading: false, for: inputs });
      },
    );
  }, [...inputs, version]);
  const reload = useCallback(() => setTick((t) => t + 1), []);
  return { data: state.data, error: state.error, loading: state.loading || !same(state.for, inputs), reload };
}

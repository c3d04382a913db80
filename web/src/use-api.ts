// Loads something from the API for a view: loading, the data, or the error; reloads when its
// inputs change and on demand. An answer that arrives after newer inputs is dropped, and
// between a change of inputs and the start of its request the view is loading already, so it
// never draws the old answer under the new inputs for a frame.
import { useCallback, useEffect, useRef, useState } from 'react';
import { ApiError } from './api';

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
  const inputs = [...deps, tick];
  useEffect(() => {
    const mine = ++seq.current;
    setState((s) => ({ ...s, loading: true, error: null, for: inputs }));
    load().then(
      (data) => mine === seq.current && setState({ data, error: null, loading: false, for: inputs }),
      (e: unknown) => mine === seq.current && setState({ data: null, error: e instanceof ApiError ? e : new ApiError(0, 'client', String(e)), loading: false, for: inputs }),
    );
  }, inputs);
  const reload = useCallback(() => setTick((t) => t + 1), []);
  return { data: state.data, error: state.error, loading: state.loading || !same(state.for, inputs), reload };
}

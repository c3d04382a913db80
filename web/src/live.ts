// Live data: one EventSource on /api/events per session. The server says the data version when
// the stream opens and again whenever data is written (a push, an import — from any process on
// the store); each change bumps a counter in context, and useApi reloads its view quietly
// (keeping the numbers on screen until the new ones arrive). A stream the server ends is
// reopened by the browser; the first version after reopening is compared with the last known.
import { createContext, useEffect, useState } from 'react';

/** How many changes of the data this session has heard of (0 at first). */
export const DataVersion = createContext(0);

export function useLiveData(): number {
  const [changes, setChanges] = useState(0);
  useEffect(() => {
    if (typeof EventSource === 'undefined') return;
    const source = new EventSource('/api/events');
    let known: number | null = null;
    const heard = (e: MessageEvent<string>) => {
      let version: number;
      try {
        version = (JSON.parse(e.data) as { version: number }).version;
      } catch {
        return;
      }
      if (known !== null && version !== known) setChanges((n) => n + 1);
      known = version;
    };
    source.addEventListener('ready', heard);
    source.addEventListener('data', heard);
    return () => source.close();
  }, []);
  return changes;
}

import { useLayoutEffect, useRef, useState } from 'react';

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- any handler signature
type Handlers = Record<string, (...args: any[]) => unknown>;

/**
 * The same handlers, as functions whose identity never changes and that always call the latest
 * version: a memoized child given them re-renders only when its other props change. The set of keys
 * must not change between renders. Only for event handlers, never for calls during render.
 */
export function useHandlers<T extends Handlers>(handlers: T): T {
  const latest = useRef(handlers);
  useLayoutEffect(() => {
    latest.current = handlers;
  });
  const [stable] = useState(() => {
    const out: Handlers = {};
    for (const key of Object.keys(handlers)) out[key] = (...args: unknown[]) => latest.current[key]?.(...args);
    return out as T;
  });
  return stable;
}

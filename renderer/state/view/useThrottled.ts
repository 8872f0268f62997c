import { useEffect, useRef, useState } from 'react';

/**
 * `value`, except while `holding`: then it changes at most once every `ms`, to the latest value, and
 * the last change always comes through. Outside a hold it is `value` itself.
 */
export function useThrottled<T>(value: T, holding: boolean, ms: number): T {
  const [held, setHeld] = useState<{ readonly value: T }>();
  // A hold starts from the value of its first render, and ends at once.
  if (holding && !held) setHeld({ value });
  if (!holding && held) setHeld(undefined);
  const shown = holding && held ? held.value : value;
  const latest = useRef(value);
  const timer = useRef<ReturnType<typeof setTimeout>>(undefined);
  useEffect(() => {
    latest.current = value;
    if (!holding) {
      clearTimeout(timer.current);
      timer.current = undefined;
    } else if (timer.current === undefined && value !== shown) {
      timer.current = setTimeout(() => {
        timer.current = undefined;
        setHeld({ value: latest.current });
      }, ms);
    }
  }, [value, shown, holding, ms]);
  useEffect(() => () => clearTimeout(timer.current), []);
  return shown;
}

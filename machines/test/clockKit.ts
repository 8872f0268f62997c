/**
 * What the clock's tests share (clock.test, clockDetail.test): a clock whose firings are written to a
 * log by name, with helpers to set a timer and a timeline on it.
 */
import { VirtualClock } from '../engine/clock';
import { Time } from '../engine/time';

export type Ev = { readonly at: number; readonly name: string };

/** A clock whose firings are written to `log`, by name. */
export function setup(budget?: { instant: number; run: number }) {
  const clock = new VirtualClock<string>(Time.ms(0), budget);
  const log: string[] = [];
  const timer = (name: string, delay: number, then?: () => void) => {
    clock.nextMeta = name;
    return clock.setTimeout(() => {
      log.push(`${name}@${clock.now()}`);
      then?.();
    }, delay);
  };
  const timeline = (events: Ev[], onFire?: (e: Ev) => void) =>
    clock.setTimeline(events, (e) => {
      log.push(`${e.name}@${clock.now()}`);
      onFire?.(e);
    });
  return { clock, log, timer, timeline };
}

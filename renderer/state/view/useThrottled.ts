import { useEffect, useState, useSyncExternalStore } from 'react';

/**
 * The value held during a hold, outside React: set after a render (from an effect) or by the timer,
 * never while rendering; the hook reads it with `useSyncExternalStore`, so React renders again when
 * it changes.
 */
class Hold<T> {
  private held: { readonly value: T } | undefined;
  private latest: T | undefined;
  private timer: ReturnType<typeof setTimeout> | undefined;
  private readonly listeners = new Set<() => void>();

  readonly subscribe = (listener: () => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };
  readonly snapshot = () => this.held;

  /** After each render: starts a hold at `value`, or moves it on at most every `ms`, or ends it. */
  follow(value: T, holding: boolean, ms: number): void {
    this.latest = value;
    if (!holding) {
      this.stop();
      if (this.held) this.set(undefined);
    } else if (!this.held) {
      // A hold starts from the value of its first render (which showed `value` itself).
      this.set({ value });
    } else if (this.timer === undefined && value !== this.held.value) {
      this.timer = setTimeout(() => {
        this.timer = undefined;
        this.set({ value: this.latest as T });
      }, ms);
    }
  }

  stop(): void {
    clearTimeout(this.timer);
    this.timer = undefined;
  }

  private set(held: { readonly value: T } | undefined): void {
    this.held = held;
    for (const listener of this.listeners) listener();
  }
}

/**
 * `value`, except while `holding`: then it changes at most once every `ms`, to the latest value, and
 * the last change always comes through. Outside a hold it is `value` itself.
 */
export function useThrottled<T>(value: T, holding: boolean, ms: number): T {
  const [hold] = useState(() => new Hold<T>());
  const held = useSyncExternalStore(hold.subscribe, hold.snapshot);
  useEffect(() => hold.follow(value, holding, ms), [hold, value, holding, ms]);
  useEffect(() => () => hold.stop(), [hold]);
  return holding && held ? held.value : value;
}

// A value kept from the start of a hold to its end. No React.

/**
 * Gives back the value it was given when a hold began, for as long as the hold lasts; outside a hold,
 * the value itself. The fitted view is held while an input is dragged: the drag turns the pointer into a
 * time with the view it began with, and a push dragged before the scenario's start re-fitted the view on
 * every frame, which moved every bar, marker and input on the timeline (and away from the pointer).
 */
export class HeldWhile<T> {
  private held: { readonly value: T } | undefined;

  take(value: T, holding: boolean): T {
    if (!holding) {
      this.held = undefined;
      return value;
    }
    return (this.held ??= { value }).value;
  }
}

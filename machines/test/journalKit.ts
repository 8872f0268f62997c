/**
 * What the journal's tests share: a journal on a clock the test moves, a snapshot of everything a
 * result is built from, and a run that makes every kind of call (journalReplay, journalPieces).
 */
import { Journal } from '../engine/journal';
import { Time } from '../engine/time';

/** A journal whose time is `clock.now`, and `add` to record a push sent now. */
export function setup() {
  const clock = { now: 0 };
  const journal = new Journal(() => Time.ms(clock.now));
  const add = (id: string, extra: { kind?: 'voip' | 'alert'; cancels?: string } = {}) =>
    journal.addPush({
      id,
      kind: extra.kind ?? 'voip',
      sentAt: clock.now,
      topic: `app.${id}`,
      expiration: clock.now + 1,
      cancels: extra.cancels,
    });
  return { clock, journal, add };
}

/** Everything a result is built from, in JSON (what a run hands on). */
export function snapshot(j: Journal): string {
  return JSON.stringify({
    pushes: [...j.records().values()],
    order: j.order,
    strikes: j.strikes,
    events: j.events,
    intervals: j.intervals,
    markers: j.markers,
    cancelled: [...j.cancelledAt],
  });
}

/** A run that makes every kind of call, at several times. */
export function fullRun(j: Journal, clock: { now: number }, add: ReturnType<typeof setup>['add']) {
  add('p1');
  clock.now = 10;
  j.step('p1', 'APNS-1', 'accepted');
  j.step('p1', 'THROTTLE-1', 'assumed', 'rolling-window');
  j.openInterval('app', 'app', 'app.suspended', 'Suspended', { push: 'p1' });
  clock.now = 20;
  add('p2', { kind: 'alert', cancels: 'p1' });
  j.delivered('p1');
  j.call('p1', 'uuid-1');
  j.audio('p1', 'two-way');
  j.fate('p1', 'rang');
  j.fate('p1', 'crashed');
  clock.now = 30;
  j.openInterval('app', 'app', 'app.suspended', 'Suspended');
  j.openInterval('app', 'app', 'app.running', 'Running', { rule: 'LAUNCH-1', due: 99 });
  j.strike({ at: 30, push: 'p1', cause: 'killed' });
  j.log('callservicesd', 'noted', { rule: 'KILL-1' });
  j.mark('app', 'app.killed', 'killed', { push: 'p1' });
  j.asOf(Time.ms(25), () => j.openInterval('apsd', 'network', 'apsd.backoff', 'Backoff'));
  clock.now = 40;
  j.cancelled('p1');
  j.closeInterval('apsd', 'DEV-1');
  j.closeInterval('nothing-open');
  clock.now = 50;
  j.cancelled('p1');
  j.delivered('p2');
  // DBG-1 and EXEMPT-3 are the steps that are also facts (PushFacts.spared, .inAppExplained); written
  // twice, noted once.
  j.step('p1', 'DBG-1', 'spared');
  j.step('p2', 'EXEMPT-3', 'in-app UI');
  clock.now = 60;
  j.step('p1', 'DBG-1', 'spared again');
  j.step('p2', 'EXEMPT-3', 'in-app UI again');
}

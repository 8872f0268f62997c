/**
 * The engine bench's floors (issue #25): what xstate itself costs, with nothing of Ringside's. The
 * plain floor is bare actors relaying an event with one `assign` and one `sendTo`; the model floor
 * (`modelFloor` in bench-profile.ts) adds what a run asks of xstate beyond that, counted here in one
 * inspected run (`asksOf`) and priced here on the same bare actors doing one more of each (`xstateCosts`).
 */
import {
  assign,
  cancel,
  createActor,
  raise,
  sendTo,
  setup,
  type AnyActorRef,
  type AnyStateMachine,
  type InspectionEvent,
} from 'xstate';
import { ringsideMachine } from '../machines/engine/ringsideMachine';
import type { Asks, Costs } from './bench-profile';
import { quantiles } from './bench-rows';

/** What each hop does per relayed event beyond the floor's one `assign` and one `sendTo`. */
type Extra = 'none' | 'assign' | 'action' | 'raise' | 'delayed' | 'cancel';

/** How many of the extra each hop does per event: more than one, so that the difference stands out. */
const EXTRAS = 2;

/** A clock that keeps nothing: a delayed event's cost is then xstate's own, not a timer queue's. */
const noClock = {
  next: 0,
  setTimeout(): number {
    return ++this.next;
  },
  clearTimeout(): void {},
};

/**
 * Six bare actors in a chain (the hops of a VoIP push: provider → APNs → apsd → callservicesd → app →
 * CallKit), each relaying the event with one `assign` and one `sendTo` through the system, as the
 * engine's actors do, plus `extra`. Returns a function that relays 1,000 events and gives µs per event.
 */
function relay(extra: Extra): () => number {
  type Relay = { type: 'relay'; push: string } | { type: 'inner' } | { type: 'tick' };
  const more = (i: number) => {
    switch (extra) {
      case 'none':
        return [];
      case 'assign':
        return [assign({ n: ({ context }: { context: { n: number } }) => context.n + i })];
      case 'action':
        return ['noop' as const];
      case 'raise':
        return [raise({ type: 'inner' })];
      // Set again as the engine's actors re-arm a deadline: the pending one cancelled first.
      case 'delayed':
        return [cancel(`t${i}`), raise({ type: 'tick' }, { delay: 60_000, id: `t${i}` })];
      case 'cancel':
        return [cancel(`never${i}`)];
    }
  };
  const extras = Array.from({ length: EXTRAS }, (_, i) => more(i)).flat();
  const hop = (next: string | undefined) =>
    setup({
      types: { context: {} as { n: number }, events: {} as Relay },
      actions: { noop: () => {} },
    }).createMachine({
      context: { n: 0 },
      on: {
        relay: next
          ? {
              actions: [
                assign({ n: ({ context }) => context.n + 1 }),
                sendTo(
                  ({ system }) => system.get(next) as AnyActorRef,
                  ({ event }) => event,
                ),
                ...(extras as []),
              ],
            }
          : { actions: [assign({ n: ({ context }) => context.n + 1 }), ...(extras as [])] },
        inner: {},
      },
    });
  const names = ['h0', 'h1', 'h2', 'h3', 'h4', 'h5'];
  const hops = Object.fromEntries(names.map((n, i) => [n, hop(names[i + 1])]));
  const root = createActor(
    setup({ actors: hops }).createMachine({
      invoke: names.map((n) => ({ id: n, systemId: n, src: n as never })),
    }),
    { clock: noClock },
  ).start();
  const first = root.system.get('h0') as AnyActorRef;
  return () => {
    const t0 = performance.now();
    for (let i = 0; i < 1_000; i++) first.send({ type: 'relay', push: `p${i}` });
    return ((performance.now() - t0) * 1000) / (1_000 * names.length);
  };
}

const median = (xs: number[]) => quantiles([...xs]).median;

/**
 * What xstate itself costs per event on this machine, with nothing of Ringside's (see `relay`): the
 * median of `rounds` samples of 1,000 relays, in µs per event.
 */
export function xstateFloor(rounds = 30): number {
  const sample = relay('none');
  return median(Array.from({ length: rounds }, sample));
}

/**
 * What bare xstate costs per thing a run asks of it, µs: the floor's event, and what one more assign,
 * action function, immediate raise, delayed event set (with the cancel that re-arms it) and cancel of
 * nothing pending add to it. Each extra is sampled right after a sample of the floor, `rounds` times,
 * and priced by the median of those paired differences: on this shared machine the load drifts within a
 * round, and unpaired medians put one price at 1–11 µs between runs.
 */
export function xstateCosts(rounds = 10): Costs {
  const floor = relay('none');
  const extras: Extra[] = ['assign', 'action', 'raise', 'delayed', 'cancel'];
  const relays = extras.map(relay);
  const events: number[] = [];
  const differences = extras.map((): number[] => []);
  for (let round = 0; round < rounds; round++)
    relays.forEach((sample, i) => {
      const event = floor();
      events.push(event);
      differences[i]!.push((sample() - event) / EXTRAS);
    });
  const [assigned, action, raised, delayedAndCancel, cancelled] = differences.map(median) as [
    number,
    number,
    number,
    number,
    number,
  ];
  return {
    event: median(events),
    assign: assigned,
    action,
    raise: raised,
    // Each re-arm is a cancel of the pending event and a new one: the cancel is priced apart.
    delayed: delayedAndCancel - cancelled,
    cancel: cancelled,
  };
}

/** A built-in action as xstate keeps it: a function carrying its type and `resolve`. */
interface Builtin {
  type: string;
  resolve: (...args: unknown[]) => unknown;
}

const isBuiltin = (a: unknown): a is Builtin =>
  typeof a === 'function' && typeof (a as Partial<Builtin>).resolve === 'function';

/** The built-in actions a machine holds: its named implementations and those written inline in states. */
function builtinsOf(machine: AnyStateMachine): Set<Builtin> {
  const out = new Set<Builtin>();
  const add = (actions: readonly unknown[] | undefined) => {
    for (const a of actions ?? []) if (isBuiltin(a)) out.add(a);
  };
  add(Object.values(machine.implementations.actions));
  type Node = {
    entry: unknown[];
    exit: unknown[];
    transitions: Map<string, { actions: unknown[] }[]>;
    always?: { actions: unknown[] }[];
    states: Record<string, Node>;
  };
  const walk = (node: Node) => {
    add(node.entry);
    add(node.exit);
    for (const list of node.transitions.values()) for (const t of list) add(t.actions);
    for (const t of node.always ?? []) add(t.actions);
    for (const child of Object.values(node.states)) walk(child);
  };
  walk(machine.root as unknown as Node);
  return out;
}

/**
 * What `run` asks of xstate, counted in one run given an inspection hook: events and executed actions
 * through `inspect` (xstate reports raises, sends, cancels and action functions as it executes them),
 * and `assign`s, which it resolves without reporting, by wrapping the `resolve` of every built-in
 * action the engine's machines hold for the length of the run (an `effects` call's are counted as it
 * returns them). The wrappers are removed again before it returns.
 */
export function asksOf(run: (inspect: (e: InspectionEvent) => void) => void): Asks {
  const counts = { events: 0, assigns: 0, actions: 0, raises: 0, delayed: 0, cancels: 0 };
  const machines = Object.values(ringsideMachine.implementations.actors) as AnyStateMachine[];
  const wrapped = new Set<Builtin>();
  for (const m of machines) for (const a of builtinsOf(m)) wrapped.add(a);
  const originals = new Map<Builtin, Builtin['resolve']>();
  for (const a of wrapped) {
    const resolve = a.resolve;
    originals.set(a, resolve);
    a.resolve = (...args: unknown[]) => {
      if (a.type === 'xstate.assign') counts.assigns++;
      const out = resolve(...args) as [unknown, unknown, unknown[] | undefined];
      // What an `effects` (or `enqueueActions`) call enqueued: new actions, resolved without a wrapper.
      for (const b of out[2] ?? []) if (isBuiltin(b) && !wrapped.has(b) && b.type === 'xstate.assign') counts.assigns++;
      return out;
    };
  }
  try {
    run((e) => {
      if (e.type === '@xstate.event') counts.events++;
      if (e.type !== '@xstate.action') return;
      const { type, params } = e.action as { type: string; params?: { delay?: unknown } };
      if (type === 'xstate.cancel') counts.cancels++;
      else if (type === 'xstate.raise' || type === 'xstate.sendTo') {
        if (typeof params?.delay === 'number') counts.delayed++;
        else if (type === 'xstate.raise') counts.raises++;
      } else if (!type.startsWith('xstate.')) counts.actions++;
    });
  } finally {
    for (const [a, resolve] of originals) a.resolve = resolve;
  }
  return counts;
}

import type { AppAction, Network, WakeBy } from '../scenario/types';

/** Why callservicesd does not require a report for a delivery (EXEMPT-1, MUST-1, iOS < 13). */
export type Exemption = 'foreground' | 'on-call' | 'late' | 'pre-ios13';

/** A VoIP push as callservicesd hands it to the app. */
export interface Delivery {
  readonly push: string;
  /** False when the system does not require a report for this push. */
  readonly enforced: boolean;
  readonly exemption?: Exemption;
  /**
   * How many times it was handed back: the app's process ended before it handled this push
   * (`app.died`). Its chain tells the first time only, so a burst does not repeat the same steps.
   */
  readonly again?: number;
}

/**
 * What ended the app's process while pushes waited in it: the rule that crashed or killed it (PK-1,
 * KILL-1) or the user's action.
 */
export type EndedBy = 'PK-1' | 'KILL-1' | 'force-quit' | 'reinstall' | 'update';

export type ApnsEvent =
  | { type: 'push.sent'; push: string }
  | { type: 'link.up'; network: Network }
  | { type: 'link.down' }
  | { type: 'push.expire'; push: string };

export type DeviceEvent =
  | { type: 'network.changed'; to: Network }
  | { type: 'screen.lock' }
  | { type: 'screen.unlock' }
  | { type: 'power.policy'; policy: 0 | 3 }
  | { type: 'device.wake'; by: WakeBy }
  | { type: 'nat.drop' }
  | { type: 'nat.restore' }
  | { type: 'push.arrive'; push: string; queued: boolean }
  | { type: 'apsd.connected' }
  | { type: 'apsd.attemptFailed' }
  | { type: 'apsd.retry' }
  | { type: 'apsd.giveUp' }
  | { type: 'apsd.deadConnectionNoticed' }
  /** The engine's last word to the device: the scenario ends now (a retry cycle catches up). */
  | { type: 'scenario.end' };

export type CallServicesEvent =
  | { type: 'push.voip'; push: string }
  /**
   * The deliveries a launch was for, handed to the app together, as callservicesd decided them (it
   * keeps none of them while the app launches: one event per launch and no copy of its pending map
   * per push, which made a burst cost the square of its size). `lost`: the app had no PushKit
   * delegate to receive them (LAUNCH-2): no report can come.
   */
  | { type: 'push.handedToApp'; deliveries: readonly Delivery[]; lost?: true }
  | { type: 'deadline.check'; push: string }
  /**
   * CallKit took the app's report of `push`: sent when callservicesd runs its check (an enforced
   * delivery) or when the report began the app's only live call (`onCall`: callservicesd sees the app
   * on a call from now, EXEMPT-1). One event for both: they come from the same report.
   */
  | { type: 'callkit.reported'; push: string; onCall: boolean }
  /**
   * EXEMPT-1: the news that the app's last call ended reaches callservicesd's view, `foregroundStateLag`
   * late: CallKit sends it delayed when the last call ends, and cancels it if a call begins meanwhile.
   */
  | { type: 'oncall.clear' }
  | { type: 'app.stateChanged'; foreground: boolean; running: boolean; debugger: boolean }
  | { type: 'app.crashed'; push: string }
  /** The handler returned without reporting, and the debugger kept PushKit from crashing the app (DBG-1). */
  | { type: 'app.unreported'; push: string }
  | { type: 'app.died'; unhandled: readonly Delivery[]; endedBy: EndedBy }
  | { type: 'app.reset'; why: 'reinstall' | 'update' }
  | { type: 'throttle.lift' }
  | { type: 'throttle.check' };

/**
 * A live call as the app knows it from CallKit: which push and UUID (what its handler decides by,
 * EXEMPT-2). Not whether it rings or was answered: the app decides nothing by that, and telling it
 * would cost an xstate event per answer.
 */
export interface CallRef {
  readonly push: string;
  readonly uuid: string;
}

export type AppEvent =
  /**
   * VoIP pushes handed to the app: one as it arrives, or all those a process that ended had left
   * (`again`), together (one event, not one per push: a burst handed back after each crash copied
   * the launch queue once per push).
   */
  | { type: 'push.deliver'; deliveries: readonly Delivery[] }
  | { type: 'push.background'; push: string }
  /** The phone's network path to the app's server (CALL-1): usable network, no broken NAT in the way. */
  | { type: 'network.path'; up: boolean }
  /** The user locked the phone: a foreground app goes to the background as with the home gesture (EXEMPT-1). */
  | { type: 'screen.locked' }
  | { type: 'app.action'; action: AppAction }
  | { type: 'app.kill'; push: string; rule: 'PK-1' | 'KILL-1' }
  | { type: 'call.cancelled'; push: string }
  | { type: 'callkit.callsChanged'; calls: readonly CallRef[] }
  | { type: 'launch.done' }
  | { type: 'launch.watchdog' }
  | { type: 'belief.sync' }
  | { type: 'grace.end' }
  // Timers the process sets for itself carry its generation: they die with the process.
  | { type: 'handler.start'; push: string; gen: number }
  | { type: 'handler.report'; push: string; gen: number }
  | { type: 'handler.return'; push: string; gen: number }
  | {
      type: 'call.endNow';
      push: string;
      reason: 'report-then-end' | 'cancelled' | 'reuse-ended' | 'cancel-push';
      gen: number;
    }
  | { type: 'cancel.learn'; push: string; gen: number };

export type CallKitEvent =
  | {
      type: 'callkit.reportIncoming';
      push: string;
      uuid: string;
      /** The push whose call this UUID was first reported for (reuse-uuid), if any. */
      reuses?: string;
      setConfiguration: boolean;
      foreground: boolean;
      /**
       * callservicesd runs a report check on this push (its delivery was enforced: KILL-1), so it is
       * told of the report; of an exempt one it would have nothing to forget (one xstate event saved).
       */
      checked: boolean;
    }
  | { type: 'callkit.end'; push: string; reason: string }
  | { type: 'call.answer'; push: string }
  | { type: 'call.decline'; push: string }
  | { type: 'call.hangup'; push: string }
  | { type: 'call.timeout'; uuid: string }
  | { type: 'mediaserverd.crash' }
  | { type: 'call.other' }
  | { type: 'app.terminated' };

export type { AppAction, Network, WakeBy };

/**
 * The event of type `T` in the union `E`: an action's typed params when it handles that one event
 * (`params: eventParams` in the machine's config passes it on, narrowed by the transition).
 */
export type EventOf<E extends { type: string }, T extends E['type']> = Extract<E, { type: T }>;

/**
 * An action's params when they are the event its transition handles: xstate narrows `event` to the
 * transition's own type, so the action needs no `if (event.type !== …) return` guard.
 */
export const eventParams = <E>({ event }: { event: E }): E => event;

/**
 * Typed message builders: `enqueue.sendTo(target, msg.app({...}))` checks the event against the
 * receiver's own event union (an inline literal is only checked against `EventObject`).
 */
export const msg = {
  apns: (e: ApnsEvent): ApnsEvent => e,
  device: (e: DeviceEvent): DeviceEvent => e,
  callServices: (e: CallServicesEvent): CallServicesEvent => e,
  app: (e: AppEvent): AppEvent => e,
  callKit: (e: CallKitEvent): CallKitEvent => e,
} as const;

import { ACTOR, to, enforcesReporting, secs, usesMustReport } from '../env';
import { msg, type CallServicesEvent, type Delivery, type EventOf, type Exemption } from '../events';
import { noteUpdateReset, recordStrike } from './throttle';
import type { CallServicesContext, CallServicesEnqueue, PendingDelivery } from './callServicesMachine';

/**
 * callservicesd's report check, step by step, for callServicesMachine's actions: what it decides when a
 * VoIP push reaches it (MUST-1, EXEMPT-1), handing the push to the app, and the ~7 s check that the app
 * reported a call (KILL-1, DBG-1). Each step takes callservicesd's context and enqueues what it assigns,
 * raises and sends, in the order the machine's actions did.
 */

/**
 * A VoIP push reaches callservicesd (`push.voip`): it decides whether the app must report it, hands it
 * to the app and, for a running app that must report it, starts the check at once.
 */
export function deliver(
  context: CallServicesContext,
  event: EventOf<CallServicesEvent, 'push.voip'>,
  enqueue: CallServicesEnqueue,
): void {
  noteUpdateReset(context, event.push);
  const delivery = decide(context, event.push);
  enqueue.sendTo(to(ACTOR.app), msg.app({ type: 'push.deliver', deliveries: [delivery] }));
  // For an app that is not running the deadline starts after launch, when the app hands the delivery
  // back (push.handedToApp); nothing is kept meanwhile, and an exempt delivery has nothing to check.
  if (!context.appRunning || !delivery.enforced) return;
  const pending = new Map(context.pending);
  pending.set(event.push, startCheck(context, delivery, enqueue));
  enqueue.assign({ pending });
}

/**
 * The deadline starts when the push is handed to the app: at once for a running app (`deliver`),
 * after launch for one that is not running (the app says so, LAUNCH-1).
 */
export function startDeadline(
  context: CallServicesContext,
  event: EventOf<CallServicesEvent, 'push.handedToApp'>,
  enqueue: CallServicesEnqueue,
): void {
  let pending: Map<string, PendingDelivery> | undefined;
  for (const delivery of event.deliveries) {
    if (!delivery.enforced) continue; // nothing to check for an exempt delivery
    pending ??= new Map(context.pending);
    const check = startCheck(context, delivery, enqueue);
    pending.set(delivery.push, event.lost ? { ...check, lost: true } : check);
  }
  if (pending) enqueue.assign({ pending });
}

/**
 * The check (`deadline.check`): a delivery with no call reported counts a strike, and kills the process
 * it was handed to if that still runs (KILL-1); with the debugger attached, neither (DBG-1).
 */
export function checkDeadline(
  context: CallServicesContext,
  event: EventOf<CallServicesEvent, 'deadline.check'>,
  enqueue: CallServicesEnqueue,
): void {
  const delivery = context.pending.get(event.push);
  const { journal, params } = context.env;
  journal.closeInterval(`deadline:${event.push}`);
  if (!delivery) return; // reported (markReported forgets it), or nothing to check
  const pending = new Map(context.pending);
  pending.delete(event.push);
  // The process the push was handed to has ended since (crashed or killed for another push, closed
  // by the user): no report can come from it, and there is nothing of it to kill.
  const gone = delivery.process !== context.processEnds;
  if (context.debuggerAttached) {
    journal.step(
      event.push,
      'DBG-1',
      `No call was reported within ${secs(params.callservicesdDeadline)}: callservicesd would have killed the app (0xbaadca11, KILL-1), but the debugger was attached, which disables this; no strike was counted.`,
    );
    // A push the app never received (LAUNCH-2), or whose process has ended since, will not be
    // reported later: its story ends here. One still waiting for or in its handler may yet be
    // reported (a blocked main thread), and then the call rings; if its process ends first, it is
    // exempt then (`seeApp`).
    if (delivery.lost || gone) journal.fate(event.push, 'exempt');
    else pending.set(event.push, { ...delivery, forgiven: true });
    enqueue.assign({ pending });
    return;
  }
  // A strike either way (`recordStrike` forgets the delivery); a process launched since the one
  // that failed is not killed for it.
  // The debugger spared the app PushKit's crash or an earlier check's kill for this push (DBG-1), but
  // is gone by now: a fact the journal keeps (`PushFacts.spared`), which a resumed run compares.
  const spared = journal.push(event.push).spared === true;
  const checked = `${spared ? 'The debugger was detached by then, so ' : ''}callservicesd checked ${secs(params.callservicesdDeadline)} after handing the push to the app`;
  if (!gone) {
    journal.step(
      event.push,
      'KILL-1',
      `${checked}, found no reported call and killed the app with exception code 0xbaadca11 (one strike).`,
    );
  } else {
    // The sources say nothing of a check on a process already gone: Ringside's own choice decides.
    const ended = `${checked} and found no reported call; the app's process it had handed the push to had already ended (crashed, killed, or closed by the user), so callservicesd killed nothing.`;
    const counts = params.endedProcessStrikes;
    journal.step(
      event.push,
      'KILL-1',
      counts
        ? `${ended} Ringside assumes the failure counts all the same (one strike): the sources do not say.`
        : `${ended} Ringside assumes such a failure does not count (params.endedProcessStrikes is off): no strike.`,
      'ended-process-strike',
    );
    if (!counts) {
      journal.fate(event.push, 'exempt');
      enqueue.assign({ pending });
      return;
    }
  }
  journal.fate(event.push, 'killed');
  if (!gone)
    journal.mark('app', 'app.killed', `0xbaadca11: killed for ${event.push}`, { push: event.push, rule: 'KILL-1' });
  enqueue.assign(recordStrike(context, event.push, 'killed'));
  enqueue.raise({ type: 'throttle.check' });
  if (!gone) enqueue.sendTo(to(ACTOR.app), msg.app({ type: 'app.kill', push: event.push, rule: 'KILL-1' }));
}

/** What callservicesd decides when a VoIP push reaches it: must the app report it, and if not, why. */
function decide(context: CallServicesContext, push: string): Delivery {
  const { env } = context;
  const { journal, params } = env;
  const record = journal.push(push);
  let exemption: Exemption | undefined;
  if (!enforcesReporting(env)) exemption = 'pre-ios13';
  else if (context.seesOnCall) exemption = 'on-call';
  else if (context.seesForeground) exemption = 'foreground';
  if (usesMustReport(env)) {
    const latency = journal.time() - record.sentAt;
    if (latency > params.mustReportLatency) {
      exemption = 'late';
      journal.step(
        push,
        'MUST-1',
        `The push reached the phone ${secs(latency)} after APNs accepted it, more than ${secs(params.mustReportLatency)} (an estimate), so iOS told the app it need not report this call.`,
      );
    } else if (exemption === 'foreground' || exemption === 'on-call') {
      journal.step(
        push,
        'MUST-1',
        `iOS told the app it need not report this push because the system saw it ${exemption === 'foreground' ? 'in the foreground' : 'already on a call'}.`,
      );
    } else {
      journal.step(push, 'MUST-1', 'iOS told the app it must report this push as a call.');
    }
  }
  return exemption ? { push, enforced: false, exemption } : { push, enforced: true };
}

/** Opens the report check (KILL-1) of a delivery handed to the app now, due `reportDeadline` later. */
function startCheck(context: CallServicesContext, delivery: Delivery, enqueue: CallServicesEnqueue): PendingDelivery {
  const { journal, params } = context.env;
  const now = journal.time();
  enqueue.raise(
    { type: 'deadline.check', push: delivery.push },
    { delay: 'reportDeadline', id: `deadline:${delivery.push}` },
  );
  journal.openInterval(
    `deadline:${delivery.push}`,
    'callservicesd',
    'deadline',
    `${delivery.push}: report within ${secs(params.callservicesdDeadline)}`,
    {
      push: delivery.push,
      rule: 'KILL-1',
      due: now + params.callservicesdDeadline,
    },
  );
  return { ...delivery, handedAt: now, process: context.processEnds };
}

import type { ParamName } from '../scenario/params';
import type { ModelChoiceId } from '../engine/result';

/**
 * One of Ringside's own choices: something that decides a push's fate where the sources (RULES.md and
 * its seeds) are silent or only guess. A step it decided carries `assumption: <id>` and says
 * "Ringside assumes …"; the param lets a user try the other answer.
 */
export interface ModelChoice {
  readonly id: ModelChoiceId;
  /** A few words for a heading. */
  readonly title: string;
  /** One sentence: what Ringside assumes. */
  readonly statement: string;
  /** The params that control it (a scenario's `params` can change them). */
  readonly params: readonly ParamName[];
  /** The rules it touches. */
  readonly rules: readonly string[];
  /** Why the sources do not settle it. */
  readonly silence: string;
}

/** Every choice Ringside makes where the sources do not, in the order a push meets them. */
export const MODEL_CHOICES: readonly ModelChoice[] = [
  {
    id: 'queued-order',
    title: 'Order of waiting pushes',
    statement: 'Pushes waiting in APNs for one phone reach it in the order they were sent.',
    params: ['queuedInSendOrder'],
    rules: ['APNS-4', 'DEV-1'],
    silence: 'APNS-4: when several topics are waiting, APNs does not promise their order (DTS, 2026).',
  },
  {
    id: 'apsd-backoff',
    title: "apsd's retry timer",
    statement:
      'After two failed connection attempts in a row, apsd waits 12.6 minutes before it tries again, even if the signal improves meanwhile (unless the phone wakes).',
    params: ['apsdBackoffAfter', 'apsdBackoff'],
    rules: ['DEV-1', 'DEV-3'],
    silence:
      'DEV-1 cites one public log with a ~12.6 min retry timer; how many failures start it and what cuts it short are not documented.',
  },
  {
    id: 'cellular-poor',
    title: 'Poor cellular',
    statement:
      "On poor cellular the phone has signal but apsd's TLS handshake never completes: each attempt times out, so nothing is delivered until the link improves.",
    params: ['apsdAttemptTimeout'],
    rules: ['DEV-1'],
    silence: 'The sources say only that reconnecting takes "longer on poor cellular"; the cause is not described.',
  },
  {
    id: 'ring-timeout',
    title: 'Ring timeout',
    statement: 'An unanswered incoming call rings for 60 s, then the app ends it.',
    params: ['ringTimeout'],
    rules: ['CALL-1'],
    silence: 'CALL-1 says the call stays until the app ends it "or it times out"; no time is given.',
  },
  {
    id: 'rolling-window',
    title: 'Rolling window',
    statement:
      'Failures count in a rolling 24 h window: the block lasts while enough failures remain in the last 24 h, so failures that come during it keep it standing.',
    params: ['throttleWindowRolls', 'throttleWindow', 'throttleFailures'],
    rules: ['THROTTLE-1', 'THROTTLE-2'],
    silence:
      'DTS says the block lifts "after ~24 h"; whether the window rolls or is fixed from the first failure is not stated (RULES.md calls rolling the default model).',
  },
  {
    id: 'update-resets-strikes',
    title: 'An update resets the count',
    statement: "Updating the app resets callservicesd's failure count and lifts a block, as reinstalling does.",
    params: ['updateResetsStrikes'],
    rules: ['THROTTLE-2'],
    silence: 'THROTTLE-2: DTS only "believes" an app update resets it; reinstalling is the documented reset.',
  },
  {
    id: 'ended-process-strike',
    title: 'A check on an ended process',
    statement:
      'A report check that finds no call counts a strike even when the process it was handed to had already ended (crashed, killed, or closed by the user).',
    params: ['endedProcessStrikes'],
    rules: ['KILL-1', 'THROTTLE-1'],
    silence: 'KILL-1 describes the check killing a running app; the sources say nothing of a process already gone.',
  },
];

const BY_ID = new Map(MODEL_CHOICES.map((c) => [c.id, c]));

/** The choice with this id (a step's `assumption`). */
export function modelChoice(id: ModelChoiceId): ModelChoice {
  const choice = BY_ID.get(id);
  if (!choice) throw new Error(`engine bug: unknown model choice ${id}`);
  return choice;
}

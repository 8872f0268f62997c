import { z } from 'zod';
import { parseIos } from './versions';
import { PARAMS, PARAM_MINIMUMS, PARAM_NAMES, type ParamName, type Params } from './params';
import { readDuration, type SimTime } from '../engine/time';
import { MAX_TIME_MS, shown } from './limits';
import { FATES, SCENARIO_FORMAT, type IosVersion, type ReportMode } from './types';

const DURATION_HELP = 'use ms or "5s", "2m", "1h"';

/** A time in whole milliseconds within ±30 days, or the issue that says why not. */
function readTime(value: number | string, ctx: z.RefinementCtx, notADuration: string): SimTime | undefined {
  const read = readDuration(value);
  const fail = (message: string) => {
    ctx.addIssue({ code: 'custom', message: `${shown(value)} ${message}` });
    return undefined;
  };
  if (!read.ok && read.why === 'fraction')
    return fail('is finer than a millisecond; times are whole milliseconds (write "1ms", or "10.3s")');
  if (!read.ok && read.why === 'range') return fail(`is longer than ${LIMIT_WORDS}, the longest a scenario may hold`);
  if (!read.ok) return fail(notADuration);
  if (Math.abs(read.ms) > MAX_TIME_MS) return fail(`is longer than ${LIMIT_WORDS}, the longest a scenario may hold`);
  return read.ms;
}

const LIMIT_WORDS = `${MAX_TIME_MS / 86_400_000} days`;

function durationSchema(opts: { negative?: boolean; what?: string } = {}) {
  return z
    .union([z.number(), z.string()], { error: `must be a duration: ${DURATION_HELP}` })
    .transform((value, ctx): SimTime => {
      const t = readTime(value, ctx, `is not a duration; ${DURATION_HELP}`);
      if (t === undefined) return z.NEVER;
      if (t < 0 && !opts.negative) {
        ctx.addIssue({
          code: 'custom',
          message: `${shown(value)} is negative; ${opts.what ?? 'this duration'} must be 0 or more`,
        });
        return z.NEVER;
      }
      return t;
    });
}

/** A duration, or one of a few keywords (`"sync"`, `"never"`). */
function durationOr<const K extends string>(keywords: readonly K[]) {
  return z
    .union([z.number(), z.string()], { error: `must be ${keywords.map((k) => `"${k}"`).join(' or ')} or a duration` })
    .transform((value, ctx): SimTime | K => {
      if (typeof value === 'string' && (keywords as readonly string[]).includes(value)) return value as K;
      const notIt = `is not ${keywords.map((k) => `"${k}"`).join(', ')} or a duration; ${DURATION_HELP}`;
      const t = readTime(value, ctx, notIt);
      if (t === undefined) return z.NEVER;
      if (t < 0) {
        ctx.addIssue({ code: 'custom', message: `${shown(value)} ${notIt}` });
        return z.NEVER;
      }
      return t;
    });
}

const ios = z.string({ error: 'must be an iOS version string such as "18.5"' }).transform((raw, ctx): IosVersion => {
  const version = parseIos(raw);
  if (!version) {
    ctx.addIssue({
      code: 'custom',
      message: `${shown(raw)} is not an iOS version; write it like "18.5" or "26.4"`,
    });
    return z.NEVER;
  }
  return { ...version, raw };
});

export const NETWORKS = ['wifi', 'cellular', 'cellular-poor', 'offline'] as const;
export const APP_STATES = ['not-running', 'foreground', 'background', 'suspended'] as const;
export const PUSH_KINDS = ['voip', 'alert', 'background'] as const;
export const CANCEL_VIA = ['alert', 'voip', 'background', 'none'] as const;
export const APP_ACTIONS = [
  'foreground',
  'background',
  'force-quit',
  'reinstall',
  'update',
  'debugger-attach',
  'debugger-detach',
] as const;
export const WAKE_BY = ['screen', 'unlock', 'cellular-call', 'network-change'] as const;

const device = z.strictObject({
  ios: ios.prefault('18.5').describe('iOS version: before 13 nothing is enforced; 26.4+ has MUST-1'),
  network: z.enum(NETWORKS).default('wifi').describe('The network at the start'),
  locked: z.boolean().default(true).describe('Whether the phone is locked at the start'),
  app: z.enum(APP_STATES).default('suspended').describe('The app state at the start'),
});

const reportMode = (v: SimTime | 'sync' | 'never'): ReportMode =>
  v === 'sync' ? { mode: 'sync' } : v === 'never' ? { mode: 'never' } : { mode: 'after', delay: v };

const app = z.strictObject({
  delegateAtLaunch: z.boolean().default(true).describe('The PKPushRegistry delegate is set during launch (LAUNCH-2)'),
  launch: durationSchema({ what: 'launch' }).prefault('1s').describe('Cold launch time'),
  report: durationOr(['sync', 'never'] as const)
    .prefault('sync')
    .transform(reportMode)
    .describe('"sync" (before the handler returns), a duration after the push (e.g. after a fetch), or "never"'),
  blockMainThread: durationSchema({ what: 'blockMainThread' })
    .prefault('0s')
    .describe('How long the handler blocks before it returns'),
  foreground: z
    .enum(['report', 'skip', 'report-then-end'])
    .default('report')
    .describe('What the app does while it believes it is foreground'),
  onCall: z
    .enum(['report-new', 'reuse-uuid', 'skip'])
    .default('reuse-uuid')
    .describe('What the app does while it believes it is on a call'),
  checksMustReport: z.boolean().default(false).describe('Uses the iOS 26.4 delegate (MUST-1)'),
  setConfigurationBeforeReport: z.boolean().default(false).describe("AUDIO-2's workaround"),
  activatesAudioSession: z
    .boolean()
    .default(false)
    .describe('The app calls AVAudioSession.setActive(true) itself (AUDIO-5)'),
  learnsCancellation: durationOr(['never'] as const)
    .prefault('never')
    .describe('How long after it starts handling a push the app learns of a cancellation'),
  debuggerAttached: z.boolean().default(false).describe('DBG-1'),
  completion: durationOr(['sync', 'never'] as const)
    .optional()
    .transform((v) => (v === undefined ? undefined : reportMode(v)))
    .describe('When the handler calls the PushKit completion handler (PK-2: it changes nothing)'),
  callAudio: z
    .enum(['callkit', 'own'])
    .optional()
    .describe('Who manages call audio: CallKit or the app itself (AUDIO-4)'),
});

const paramsShape = Object.fromEntries(
  PARAM_NAMES.map((name) => {
    const spec = PARAMS[name];
    const minimum = PARAM_MINIMUMS[name];
    const duration = durationSchema({ what: name });
    const schema =
      spec.unit === 'flag'
        ? z.boolean({ error: 'must be true or false' })
        : spec.unit === 'count'
          ? z.number({ error: 'must be a whole number' }).int('must be a whole number').min(1, 'must be at least 1')
          : minimum
            ? duration.refine((ms) => ms >= minimum.min, {
                message: `must be at least ${minimum.min} ms: ${minimum.why}`,
                abort: true,
              })
            : duration;
    return [
      name,
      schema
        .optional()
        .describe(`${spec.about} (${spec.provenance}; default ${spec.default}${spec.unit === 'ms' ? ' ms' : ''})`),
    ];
  }),
) as unknown as { [K in ParamName]: z.ZodOptional<z.ZodType<Params[K], Params[K] | string>> };

const params = z.strictObject(paramsShape);

const at = durationSchema({ negative: true }).describe(
  'When it happens: ms or "5s", "2m", "1h"; negative = before the window',
);
const caption = z.string().optional().describe('Caption shown in present mode');
const id = z.string().trim().min(1, 'must not be empty').describe('A unique push id');

export const EVENT_SHAPES = {
  push: {
    id,
    kind: z.enum(PUSH_KINDS).default('voip'),
    expiration: durationSchema({ what: 'expiration' })
      .prefault(0)
      .describe('0 = deliver now or discard; else how long APNs may store it'),
    priority: z.union([z.literal(5), z.literal(10)], { error: 'must be 5 or 10' }).optional(),
    question: z
      .string()
      .optional()
      .describe('Present mode, predict-then-reveal: what to ask the room about this push before its fate is shown'),
  },
  cancel: {
    call: z.string().min(1, 'must name a push id'),
    via: z.enum(CANCEL_VIA).default('alert'),
    id: z.string().trim().min(1, 'must not be empty').optional(),
    expiration: durationSchema({ what: 'expiration' }).prefault(0),
  },
  network: { to: z.enum(NETWORKS) },
  lock: {},
  unlock: {},
  app: { action: z.enum(APP_ACTIONS) },
  power: { policy: z.union([z.literal(0), z.literal(3)], { error: 'must be 3 (restricted idle) or 0 (awake)' }) },
  wake: { by: z.enum(WAKE_BY) },
  'nat-drop': {},
  'nat-restore': {},
  'mediaserverd-crash': {},
  'other-call': {},
  answer: { call: z.string().min(1, 'must name a push id') },
  decline: { call: z.string().min(1, 'must name a push id') },
  hangup: { call: z.string().min(1, 'must name a push id') },
} as const;

export type EventType = keyof typeof EVENT_SHAPES;
export const EVENT_TYPES = Object.keys(EVENT_SHAPES) as EventType[];

const ev = <T extends EventType>(type: T) =>
  z.strictObject({ at, do: z.literal(type), caption, ...EVENT_SHAPES[type] });

export const timelineEvent = z.discriminatedUnion('do', [
  ev('push'),
  ev('cancel'),
  ev('network'),
  ev('lock'),
  ev('unlock'),
  ev('app'),
  ev('power'),
  ev('wake'),
  ev('nat-drop'),
  ev('nat-restore'),
  ev('mediaserverd-crash'),
  ev('other-call'),
  ev('answer'),
  ev('decline'),
  ev('hangup'),
]);

/** Set by `ringside import`: a device log shows this happening (reality, held against the model). */
const observed = z.boolean().optional().describe('true when a device log shows this (ringside import)');

const expectation = z.union([
  z.strictObject({ push: z.string(), fate: z.enum(FATES as [string, ...string[]]), observed }),
  z.strictObject({ strikes: z.number().int('must be a whole number').min(0, 'must be 0 or more') }),
  z.strictObject({ throttled: z.boolean() }),
  z.strictObject({ audio: z.enum(['two-way', 'one-way', 'none']), call: z.string(), observed }),
]);

/** The file format `ringside.scenario/v1` as people write it. */
export const scenarioSchema = z.strictObject({
  $schema: z.string().optional(),
  format: z.literal(SCENARIO_FORMAT),
  title: z.string().min(1, 'must not be empty').describe('Shown in the toolbar and reports'),
  notes: z.string().default('').describe('Free text for the audience in present mode'),
  duration: durationSchema({ what: 'duration' }).describe('How long the scenario runs from 0'),
  device: device.prefault({}),
  app: app.prefault({}),
  params: params.prefault({}).describe('Overrides of the defaults in RULES.md'),
  timeline: z.array(timelineEvent),
  expect: z.array(expectation).default([]),
});

/** What a scenario file contains (the UI edits and saves this form, keeping the user's notation). */
export type ScenarioFile = z.input<typeof scenarioSchema>;
export type ParsedScenarioFile = z.output<typeof scenarioSchema>;
export type TimelineEventFile = z.input<typeof timelineEvent>;

/** Known keys per place, for "did you mean" suggestions. */
export const KNOWN_KEYS = {
  root: Object.keys(scenarioSchema.shape),
  device: Object.keys(device.shape),
  app: Object.keys(app.shape),
  params: PARAM_NAMES as readonly string[],
  event: (type: EventType) => ['at', 'do', 'caption', ...Object.keys(EVENT_SHAPES[type])],
  expect: ['push', 'fate', 'strikes', 'throttled', 'audio', 'call', 'observed'],
} as const;

import { formatTime, parseDuration, toDurationString, type ScenarioFile } from '../../../machines';

/** One thing the log could not say, asked of the user before the imported scenario opens. */
export interface LogQuestion {
  /** `app.<field>` or `sent:<push id>`. */
  readonly key: string;
  readonly label: string;
  /** Why the import answered as it did (its inference, as written into the notes). */
  readonly because: string;
  /** A select's choices; absent for a send time (a duration field). */
  readonly options?: readonly { readonly value: string; readonly label: string }[];
  /** The import's answer. */
  readonly value: string;
}

const YES_NO = [
  { value: 'true', label: 'yes' },
  { value: 'false', label: 'no' },
] as const;

/** The app fields an import may infer, with how the question is put (RULES.md names the rules). */
const APP_QUESTIONS: Record<string, { label: string; options: readonly { value: string; label: string }[] }> = {
  report: {
    label: 'How does the app report a call to CallKit? (PK-1)',
    options: [
      { value: 'sync', label: 'at once, before the push handler returns' },
      { value: '2s', label: 'after a fetch, 2 s after the push' },
      { value: '10s', label: 'after a fetch, 10 s after the push' },
      { value: 'never', label: 'never' },
    ],
  },
  delegateAtLaunch: { label: 'Does the app set its PushKit delegate during launch? (LAUNCH-2)', options: YES_NO },
  blockMainThread: {
    label: 'How long does the push handler block the main thread? (KILL-1)',
    options: [
      { value: '0s', label: 'not at all' },
      { value: '8s', label: '8 s (past the ~7 s check)' },
    ],
  },
  setConfigurationBeforeReport: {
    label: 'Does the app set its configuration before reporting? (AUDIO-2)',
    options: YES_NO,
  },
  activatesAudioSession: { label: 'Does the app activate its audio session itself? (AUDIO-5)', options: YES_NO },
  onCall: {
    label: 'What does the app do with a push while on a call? (EXEMPT-2)',
    options: [
      { value: 'report-new', label: 'reports it as a new call' },
      { value: 'reuse-uuid', label: "reports the active call's UUID again" },
      { value: 'skip', label: 'does not report it' },
    ],
  },
};

/** The inference sentence that speaks of `needle`, or `fallback`. */
const said = (inferred: readonly string[], needle: string, fallback: string) =>
  inferred.find((x) => x.includes(needle)) ?? fallback;

/**
 * The questions an import leaves to the user: the app's report behaviour always (a log shows reports,
 * never the code behind them), every other app field the import set, and each push's send time (a log
 * shows when a push arrived, never when it was sent).
 */
export function questionsFor(scenario: ScenarioFile, inferred: readonly string[]): LogQuestion[] {
  const app = (scenario.app ?? {}) as Record<string, string | number | boolean | undefined>;
  const out: LogQuestion[] = [];
  for (const [field, q] of Object.entries(APP_QUESTIONS)) {
    if (field !== 'report' && !(field in app)) continue;
    const value = String(app[field] ?? 'sync');
    const options = q.options.some((o) => o.value === value) ? q.options : [...q.options, { value, label: value }];
    out.push({
      key: `app.${field}`,
      label: q.label,
      because: said(
        inferred,
        `app.${field} `,
        'The log shows what the app did, not its code: the import assumes it reports at once (the default).',
      ),
      options,
      value,
    });
  }
  for (const e of scenario.timeline) {
    if (e.do !== 'push' || e.caption === 'inferred') continue;
    const at = parseDuration(e.at) ?? 0;
    out.push({
      key: `sent:${e.id}`,
      label: `When did the provider send ${e.id}?`,
      because: said(
        inferred,
        `${e.id}: `,
        `The log cannot show the send time; the import put it at ${formatTime(at)}.`,
      ),
      value: toDurationString(at),
    });
  }
  return out;
}

/** The app field's value as the scenario format writes it. */
function appValue(value: string): string | boolean {
  return value === 'true' ? true : value === 'false' ? false : value;
}

/** The scenario with the user's answers in it (an answer left as the import gave it changes nothing). */
export function applyAnswers(scenario: ScenarioFile, answers: Readonly<Record<string, string>>): ScenarioFile {
  let app = scenario.app ? { ...scenario.app } : undefined;
  let timeline = scenario.timeline;
  for (const [key, value] of Object.entries(answers)) {
    if (key.startsWith('app.')) {
      const field = key.slice(4);
      const next = { ...app, [field]: appValue(value) } as Record<string, unknown>;
      // "sync" is the default: an answer of sync where the import wrote nothing leaves nothing written.
      if (field === 'report' && value === 'sync' && !(scenario.app && 'report' in scenario.app)) delete next.report;
      app = next;
    } else if (key.startsWith('sent:')) {
      const id = key.slice(5);
      timeline = timeline.map((e) => (e.do === 'push' && e.id === id ? { ...e, at: value.trim() } : e));
    }
  }
  const { app: _old, ...rest } = scenario;
  return { ...rest, ...(app && Object.keys(app).length > 0 ? { app } : {}), timeline };
}

/** A send time the user typed that is not a duration; undefined when it reads. */
export function sendTimeProblem(value: string): string | undefined {
  return parseDuration(value.trim()) === undefined
    ? `"${value}" is not a time; write it like "12.5s" or "1m"`
    : undefined;
}

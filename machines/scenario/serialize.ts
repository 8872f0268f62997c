import type { ScenarioFile } from './schema';
import { SCHEMA_ID } from './jsonSchema';

const TOP = ['$schema', 'format', 'title', 'notes', 'duration', 'device', 'app', 'params', 'timeline', 'expect'];
const DEVICE = ['ios', 'network', 'locked', 'app'];
const APP = [
  'delegateAtLaunch',
  'launch',
  'report',
  'blockMainThread',
  'foreground',
  'onCall',
  'checksMustReport',
  'setConfigurationBeforeReport',
  'activatesAudioSession',
  'learnsCancellation',
  'debuggerAttached',
  'completion',
  'callAudio',
];
const EVENT = [
  'at',
  'do',
  'id',
  'kind',
  'call',
  'via',
  'to',
  'action',
  'policy',
  'by',
  'expiration',
  'priority',
  'caption',
  'question',
];
const EXPECT = ['push', 'fate', 'strikes', 'throttled', 'audio', 'call'];

function ordered(value: Record<string, unknown>, order: readonly string[]): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const key of order) if (value[key] !== undefined) out[key] = value[key];
  // Keys we do not know (a newer format) keep their place at the end, sorted, so nothing is lost.
  for (const key of Object.keys(value).sort()) if (!(key in out) && value[key] !== undefined) out[key] = value[key];
  return out;
}

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/**
 * Pretty JSON with a stable key order, so scenario files diff well in git (2 spaces, trailing newline).
 * Params are sorted by name.
 */
export function serializeScenario(file: ScenarioFile): string {
  const doc = file as unknown as Record<string, unknown>;
  const top = ordered(doc, TOP);
  if (isRecord(top.device)) top.device = ordered(top.device, DEVICE);
  if (isRecord(top.app)) top.app = ordered(top.app, APP);
  if (isRecord(top.params)) top.params = ordered(top.params, []);
  if (Array.isArray(top.timeline))
    top.timeline = top.timeline.map((e: unknown) => (isRecord(e) ? ordered(e, EVENT) : e));
  if (Array.isArray(top.expect)) top.expect = top.expect.map((e: unknown) => (isRecord(e) ? ordered(e, EXPECT) : e));
  return `${JSON.stringify(top, null, 2)}\n`;
}

/**
 * The text of a scenario file as Ringside saves it: `serializeScenario` with `$schema` set to
 * `SCHEMA_ID`, the one reference the app's Save and `ringside new` write (a file opened from a preset
 * carried the preset's own relative path, wrong wherever the saved copy goes). `ringside new` passes a
 * relative path instead only where it knows one that works (a file inside the project, see `schemaRef`).
 */
export function savedScenarioText(file: ScenarioFile, $schema: string = SCHEMA_ID): string {
  return serializeScenario({ ...file, $schema });
}

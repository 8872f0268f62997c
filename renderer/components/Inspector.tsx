import { memo, type ChangeEvent } from 'react';
import {
  cancelPushId,
  type ScenarioError,
  type ScenarioFile,
  type TimelineEventFile,
  PARAM_NAMES,
  PARAMS,
  parseDuration,
  toDurationString,
} from '../../machines';
import { eventLabel, landmarks, relativeTo } from '../state/view/labels';
import type { DocEdit } from '../state/document/docEdits';
import type { Refused } from '../state/document/editorMachine';
import type { OriginalTexts } from '../state/document/origin';
import { useTypingKey } from '../state/document/typing';

type Field = { key: string; label: string; options?: readonly string[] };
/** A field of an event; `defaultFor` is what the scenario format takes when the field is left out. */
type EventField = Field & { defaultFor?: (event: TimelineEventFile) => string; lines?: number };

const EVENT_FIELDS: Partial<Record<TimelineEventFile['do'], EventField[]>> = {
  push: [
    { key: 'id', label: 'id' },
    { key: 'kind', label: 'kind', options: ['voip', 'alert', 'background'], defaultFor: () => 'voip' },
    { key: 'expiration', label: 'apns-expiration (0 = now or never)', defaultFor: () => '0' },
    { key: 'question', label: 'question for the room (present mode)', lines: 2 },
  ],
  cancel: [
    { key: 'call', label: 'call' },
    { key: 'via', label: 'via', options: ['alert', 'voip', 'background', 'none'], defaultFor: () => 'alert' },
    { key: 'id', label: 'id of the cancel push', defaultFor: (e) => (e.do === 'cancel' ? cancelPushId(e) : '') },
    { key: 'expiration', label: 'apns-expiration (0 = now or never)', defaultFor: () => '0' },
  ],
  network: [{ key: 'to', label: 'to', options: ['wifi', 'cellular', 'cellular-poor', 'offline'] }],
  app: [
    {
      key: 'action',
      label: 'action',
      options: ['foreground', 'background', 'force-quit', 'reinstall', 'update', 'debugger-attach', 'debugger-detach'],
    },
  ],
  power: [{ key: 'policy', label: 'policy', options: ['0', '3'] }],
  wake: [{ key: 'by', label: 'by', options: ['screen', 'unlock', 'cellular-call', 'network-change'] }],
  answer: [{ key: 'call', label: 'call' }],
  decline: [{ key: 'call', label: 'call' }],
  hangup: [{ key: 'call', label: 'call' }],
};

const APP_FIELDS: (Field & { fallback: string })[] = [
  { key: 'report', label: 'report (sync · never · duration)', fallback: 'sync' },
  { key: 'blockMainThread', label: 'blocks main thread', fallback: '0s' },
  { key: 'launch', label: 'cold launch', fallback: '1s' },
  { key: 'delegateAtLaunch', label: 'delegate set at launch', options: ['true', 'false'], fallback: 'true' },
  { key: 'foreground', label: 'in foreground', options: ['report', 'skip', 'report-then-end'], fallback: 'report' },
  { key: 'onCall', label: 'on a call', options: ['report-new', 'reuse-uuid', 'skip'], fallback: 'reuse-uuid' },
  { key: 'checksMustReport', label: 'uses iOS 26.4 delegate', options: ['false', 'true'], fallback: 'false' },
  {
    key: 'setConfigurationBeforeReport',
    label: 'setConfiguration before report',
    options: ['false', 'true'],
    fallback: 'false',
  },
  { key: 'activatesAudioSession', label: 'activates audio itself', options: ['false', 'true'], fallback: 'false' },
  { key: 'learnsCancellation', label: 'learns cancellation after', fallback: 'never' },
  { key: 'debuggerAttached', label: 'debugger attached', options: ['false', 'true'], fallback: 'false' },
];

/** Where event `index` stands against the nearest other event, as the label of a dragged one says. */
function whereAt(timeline: readonly TimelineEventFile[], index: number): string | undefined {
  const at = parseDuration(timeline[index]!.at);
  return at === undefined ? undefined : relativeTo(at, landmarks(timeline, new Set([index])));
}

function coerce(value: string, options?: readonly string[]): unknown {
  if (options?.includes('true') && (value === 'true' || value === 'false')) return value === 'true';
  if (options?.includes('3') && /^\d+$/.test(value)) return Number(value);
  return value;
}

function Input(props: {
  id: string;
  label: string;
  value: unknown;
  placeholder?: string;
  options?: readonly string[];
  /**
   * Text written in sentences (notes, a caption, a question): a box this many lines tall under its
   * label, as wide as the panel.
   */
  lines?: number;
  error?: string;
  /** A line under the field that says what its value means ("300 ms after app background"). */
  note?: string;
  /** The note is a warning: the text was written for the preset the document came from. */
  stale?: boolean;
  onChange: (v: unknown) => void;
}) {
  const v = props.value;
  const value = typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean' ? String(v) : '';
  const errorId = `${props.id}-error`;
  const noteId = `${props.id}-note`;
  const described = [props.error ? errorId : '', props.note ? noteId : ''].filter(Boolean).join(' ') || undefined;
  const text = {
    id: props.id,
    value,
    placeholder: props.placeholder,
    onChange: (e: ChangeEvent<HTMLInputElement | HTMLTextAreaElement>) => props.onChange(e.target.value),
    'aria-invalid': Boolean(props.error),
    'aria-describedby': described,
  };
  return (
    <div className={`field${props.lines ? ' wide' : ''}${props.error ? ' invalid' : ''}`}>
      <label htmlFor={props.id}>{props.label}</label>
      {props.options ? (
        <select
          id={props.id}
          value={value}
          aria-describedby={described}
          onChange={(e) => props.onChange(coerce(e.target.value, props.options))}
        >
          {!props.options.includes(value) && (
            <option value={value}>{value || `${props.placeholder ?? ''} (default)`}</option>
          )}
          {props.options.map((o) => (
            <option key={o}>{o}</option>
          ))}
        </select>
      ) : props.lines ? (
        <textarea {...text} rows={props.lines} />
      ) : (
        <input {...text} spellCheck={false} />
      )}
      {props.note && !props.error && (
        <span className={props.stale ? 'field-note stale' : 'field-note'} id={noteId}>
          {props.note}
        </span>
      )}
      {props.error && (
        <em className="error" id={errorId} role="alert">
          {props.error}
        </em>
      )}
    </div>
  );
}

export const Inspector = memo(function Inspector(props: {
  file: ScenarioFile;
  selection: readonly number[];
  errors: readonly ScenarioError[];
  /** The last edit refused: its field shows what was typed, and why it was not applied. */
  refused?: Refused | undefined;
  /** The texts of the preset a modified document came from: a text still among them is flagged. */
  original?: OriginalTexts | undefined;
  /** An edit (the machine keeps the document valid). `typing` makes one visit's typing one undo step. */
  onEdit: (edit: DocEdit) => void;
}) {
  const { file, refused, original } = props;
  const typing = useTypingKey();
  const errorAt = (path: string) =>
    refused?.path === path ? refused.reason : props.errors.find((e) => e.path === path)?.message;
  /** The field's value: what was typed while the edit is refused, else the document's. */
  const valueAt = (path: string, value: unknown) => (refused?.path === path ? refused.value : value);
  /** A note on a text written for the preset the document came from, until it is edited. */
  const staleNote = (text: unknown) =>
    original && typeof text === 'string' && original.texts.has(text)
      ? `written for the original (“${original.title}”): edit it to fit your changes`
      : undefined;
  const index = props.selection.length === 1 ? props.selection[0]! : undefined;
  const event = index === undefined ? undefined : file.timeline[index];

  /** Sets a field of the selected event; an emptied field is left out, so the format's default applies. */
  const setEvent = (key: string, value: unknown) => {
    if (index === undefined) return;
    props.onEdit({ type: 'doc.setField', index, key, value, typing: typing.key(`timeline[${index}].${key}`) });
  };
  const setIn = (section: 'app' | 'device' | 'params', key: string, value: unknown) =>
    props.onEdit({ type: 'doc.setSection', section, key, value, typing: typing.key(`${section}.${key}`) });

  return (
    <section className="panel inspector" aria-label="Inspector" onFocus={typing.onFocus}>
      {event && index !== undefined ? (
        <>
          <h2>{eventLabel(event)}</h2>
          <Input
            id="ev-at"
            label="at"
            value={valueAt(`timeline[${index}].at`, event.at)}
            error={errorAt(`timeline[${index}].at`)}
            note={whereAt(file.timeline, index)}
            onChange={(v) => setEvent('at', v)}
          />
          {(EVENT_FIELDS[event.do] ?? []).map((f) => (
            <Input
              key={f.key}
              id={`ev-${f.key}`}
              label={f.label}
              value={valueAt(`timeline[${index}].${f.key}`, (event as Record<string, unknown>)[f.key])}
              placeholder={f.defaultFor?.(event)}
              options={f.options}
              lines={f.lines}
              error={errorAt(`timeline[${index}].${f.key}`)}
              note={f.lines ? staleNote((event as Record<string, unknown>)[f.key]) : undefined}
              stale
              onChange={(v) => setEvent(f.key, v)}
            />
          ))}
          <Input
            id="ev-caption"
            label="caption (present mode)"
            value={valueAt(`timeline[${index}].caption`, event.caption)}
            error={errorAt(`timeline[${index}].caption`)}
            note={staleNote(event.caption)}
            stale
            lines={2}
            onChange={(v) => setEvent('caption', v)}
          />
        </>
      ) : (
        <>
          <h2>Scenario</h2>
          <Input
            id="sc-notes"
            label="notes for the trainer (present mode shows them)"
            value={valueAt('notes', file.notes)}
            placeholder="The story, and what to ask the room"
            lines={4}
            error={errorAt('notes')}
            note={staleNote(file.notes)}
            stale
            onChange={(v) =>
              props.onEdit({
                type: 'doc.setText',
                key: 'notes',
                value: typeof v === 'string' ? v : '',
                typing: typing.key('notes'),
              })
            }
          />
          <h2>Device</h2>
          <Input
            id="dev-ios"
            label="iOS"
            value={valueAt('device.ios', file.device?.ios ?? '18.5')}
            error={errorAt('device.ios')}
            onChange={(v) => setIn('device', 'ios', v)}
          />
          <Input
            id="dev-network"
            label="network at start"
            value={file.device?.network ?? 'wifi'}
            options={['wifi', 'cellular', 'cellular-poor', 'offline']}
            onChange={(v) => setIn('device', 'network', v)}
          />
          <Input
            id="dev-app"
            label="app at start"
            value={file.device?.app ?? 'suspended'}
            options={['not-running', 'foreground', 'background', 'suspended']}
            onChange={(v) => setIn('device', 'app', v)}
          />
          <h2>App behaviour</h2>
          {APP_FIELDS.map((f) => (
            <Input
              key={f.key}
              id={`app-${f.key}`}
              label={f.label}
              value={valueAt(`app.${f.key}`, (file.app as Record<string, unknown> | undefined)?.[f.key])}
              placeholder={f.fallback}
              options={f.options}
              error={errorAt(`app.${f.key}`)}
              onChange={(v) => setIn('app', f.key, v)}
            />
          ))}
          <h2>Numbers</h2>
          <p className="hint">Estimates are Ringside's defaults: Apple does not document them.</p>
          {PARAM_NAMES.map((name) => {
            const spec = PARAMS[name];
            return (
              <div key={name} className="param">
                <Input
                  id={`param-${name}`}
                  label={name}
                  value={valueAt(`params.${name}`, (file.params as Record<string, unknown> | undefined)?.[name] ?? '')}
                  placeholder={spec.unit === 'ms' ? toDurationString(spec.default) : String(spec.default)}
                  error={errorAt(`params.${name}`)}
                  onChange={(v) =>
                    setIn(
                      'params',
                      name,
                      spec.unit === 'count' && /^\d+$/.test(String(v)) ? Number(v) : flagOf(spec.unit, v),
                    )
                  }
                />
                <small className={`provenance ${spec.provenance}`} title={spec.about}>
                  {spec.provenance === 'estimate'
                    ? 'estimate: Apple does not document this'
                    : `documented (seed ${spec.sources.join(', ')})`}{' '}
                  · default {spec.unit === 'ms' ? `${spec.default} ms` : String(spec.default)}
                </small>
              </div>
            );
          })}
        </>
      )}
    </section>
  );
});

/** A yes/no param (unit `flag`) typed as "true"/"false" is stored as a boolean; anything else as typed. */
const flagOf = (unit: string, v: unknown): unknown =>
  unit === 'flag' && (v === 'true' || v === 'false') ? v === 'true' : v;

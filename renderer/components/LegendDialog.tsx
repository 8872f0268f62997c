import { useId } from 'react';
import { FATE_INFO, DEFAULT_PARAMS } from '../../machines';
import type { Fate } from '../../machines';
import { FATE_STYLE, formatTime } from '../state/view/labels';
import { Modal } from './Modal';
import { CuePatterns } from './timeline/CuePatterns';
import { CUED, MARKER_GLYPHS } from './timeline/tones';

/**
 * What each bar tone means (timeline/tones.ts, TONES; "quiet" is every kind not listed there). A test
 * checks that every tone the timeline draws is here.
 */
export const TONE_MEANINGS: readonly { tone: string; name: string; examples: string }[] = [
  { tone: 'on', name: 'working', examples: 'APNs and apsd connected, Wi-Fi or cellular, the app in the foreground' },
  {
    tone: 'mid',
    name: 'in between',
    examples:
      'apsd reconnecting, a push held or stored in APNs, the app launching, a PushKit handler running, poor cellular, one-way audio',
  },
  {
    tone: 'off',
    name: 'not working',
    examples: 'offline, apsd gave up, powerd restricting, VoIP delivery throttled, no audio',
  },
  { tone: 'call', name: 'a call', examples: 'ringing or active, two-way audio' },
  { tone: 'quiet', name: 'quiet', examples: 'the app running in the background, apsd without a network' },
  { tone: 'rest', name: 'suspended', examples: 'the app is alive but runs no code until something wakes it' },
  { tone: 'gone', name: 'not running', examples: 'no app process: a push must launch it first' },
];

/** The rules' defaults, as the legend quotes them (a scenario's params can change them). */
const DEADLINE = formatTime(DEFAULT_PARAMS.callservicesdDeadline);
const FAILURES = DEFAULT_PARAMS.throttleFailures;
const WINDOW = `${DEFAULT_PARAMS.throttleWindow / 3_600_000} h`;

/** What each marker glyph is called and means (timeline/tones.ts, MARKER_GLYPHS). */
export const MARKER_MEANINGS: Readonly<Record<string, { name: string; meaning: string }>> = {
  strike: {
    name: 'a strike',
    meaning: `a failure callservicesd counts against the app (THROTTLE-1): ~${FAILURES} in ~${WINDOW} stop VoIP pushes`,
  },
  'app.crashed': {
    name: 'crashed',
    meaning: 'PushKit crashed the app: no call reported before its handler returned (PK-1)',
  },
  'app.killed': {
    name: 'killed',
    meaning: `callservicesd killed the app, 0xbaadca11: nothing reported within ~${DEADLINE} (KILL-1)`,
  },
  'push.throttled': {
    name: 'throttled',
    meaning: 'a VoIP push not handed to the app: it is throttled (THROTTLE-1)',
  },
};

function Swatch(props: { tone: string; cues: string; cued: boolean }) {
  return (
    <svg className="swatch" width={56} height={16} aria-hidden="true">
      <rect className="iv" data-tone={props.tone} x={1} y={1} width={54} height={14} rx={3} />
      {props.cued && <rect x={1} y={1} width={24} height={14} rx={3} fill={`url(#${props.cues}-${props.tone})`} />}
    </svg>
  );
}

/** What the timeline's colours, patterns, glyphs and shapes mean, and every fate. */
export function LegendDialog(props: { onClose: () => void }) {
  const cues = `legend-${useId().replace(/:/g, '')}-cue`;
  return (
    <Modal label="Legend" className="legend" onClose={props.onClose}>
      <header>
        <h2>Legend</h2>
        <button type="button" onClick={props.onClose}>
          Close
        </button>
      </header>
      <svg width={0} height={0} aria-hidden="true" style={{ position: 'absolute' }}>
        <defs>
          <CuePatterns prefix={cues} />
        </defs>
      </svg>
      <div className="legend-groups">
        <section>
          <h3>Bars: what an actor was doing</h3>
          <p className="hint">
            Each bar also says it in words. A bar too narrow for its words keeps its pattern (the left of each swatch),
            so that no state is told by colour alone.
          </p>
          <dl>
            {TONE_MEANINGS.map((t) => (
              <div key={t.tone} data-tone={t.tone}>
                <dt>
                  <Swatch tone={t.tone} cues={cues} cued={CUED.has(t.tone)} />
                  {t.name}
                </dt>
                <dd>{t.examples}</dd>
              </div>
            ))}
            <div>
              <dt>
                <svg className="swatch" width={56} height={16} aria-hidden="true">
                  <rect className="deadline-window" x={1} y={1} width={54} height={14} rx={3} />
                </svg>
                the ~{DEADLINE} check
              </dt>
              <dd>
                after a delivery, callservicesd waits ~{DEADLINE} for the call to be reported (KILL-1); the bar says
                whether it was and how much time was left. A check the app's end cut short (it crashed, was killed for
                another push, or was closed) has no outline and says what ended it.
              </dd>
            </div>
          </dl>
          <h3>Pushes, inputs and markers</h3>
          <dl>
            <div>
              <dt>
                <span className="glyph" aria-hidden="true">
                  ○──
                </span>
                a push
              </dt>
              <dd>
                the circle is when the provider sent it (drag it), the line runs to when it reached the app; a dashed
                line never got there. Its label is its fate.
              </dd>
            </div>
            <div>
              <dt>
                <span className="glyph" aria-hidden="true">
                  ◇
                </span>
                an input
              </dt>
              <dd>
                a change on the phone or by the user (network, lock, power, app action, answer…): drag it, or drag the
                edge of a network or power span
              </dd>
            </div>
            {Object.entries(MARKER_GLYPHS).map(([kind, glyph]) => (
              <div key={kind} data-marker={kind}>
                <dt>
                  <span className={`glyph marker marker-${kind.replace(/\./g, '-')}`} aria-hidden="true">
                    {glyph}
                  </span>
                  {MARKER_MEANINGS[kind]?.name ?? kind}
                </dt>
                <dd>{MARKER_MEANINGS[kind]?.meaning ?? ''}</dd>
              </div>
            ))}
          </dl>
        </section>
        <section>
          <h3>Fates: what happened to each push</h3>
          <dl>
            {(Object.keys(FATE_STYLE) as Fate[]).map((fate) => (
              <div key={fate} data-fate={fate}>
                <dt>
                  <span className={`fate tone-${FATE_STYLE[fate].tone}`}>
                    {FATE_STYLE[fate].icon} {FATE_STYLE[fate].label}
                  </span>
                </dt>
                <dd>
                  {FATE_INFO[fate].meaning}
                  {FATE_INFO[fate].strike === 'yes' ? ' — a strike' : ''}
                </dd>
              </div>
            ))}
          </dl>
        </section>
      </div>
    </Modal>
  );
}

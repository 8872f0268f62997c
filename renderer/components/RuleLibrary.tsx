import { useMemo, useState } from 'react';
import {
  simulate,
  MODEL_CHOICES,
  PARAMS,
  type ModelChoice,
  RULES,
  searchRules,
  loadScenario,
  toDurationString,
  iosChangesBetween,
  IOS_PICKS,
  onIos,
  parseIos,
  thresholdText,
} from '../../machines';
import type { Scenario } from '../../machines';
import { FATE_STYLE } from '../state/view/labels';
import { PRESETS } from '../state/document/presets';
import { Modal } from './Modal';

/** Where a preset shows a rule: the first push it applies to, and when. */
export interface Showing {
  readonly presetId: string;
  readonly title: string;
  readonly push: string;
  readonly at: number;
}

/** Every preset moment per rule, computed once when the library first opens. */
function showingsByRule(): Map<string, Showing[]> {
  const out = new Map<string, Showing[]>();
  for (const preset of PRESETS) {
    const loaded = loadScenario(preset.file);
    if (!loaded.ok) continue;
    const seen = new Set<string>();
    for (const p of simulate(loaded.scenario).result.pushes) {
      for (const step of p.steps) {
        if (seen.has(step.rule)) continue;
        seen.add(step.rule);
        out.set(step.rule, [
          ...(out.get(step.rule) ?? []),
          { presetId: preset.id, title: preset.title, push: p.id, at: step.at },
        ]);
      }
    }
  }
  return out;
}

/** Pick two iOS versions: which rules change between them, and what that does to the open scenario. */
function IosDiff(props: { scenario?: Scenario; onRule: (id: string) => void; onCompare?: (ios: string) => void }) {
  const own = props.scenario?.device.ios.raw ?? '18.5';
  const picks = [...new Set([own, ...IOS_PICKS])];
  const [a, setA] = useState(own);
  const [b, setB] = useState(own === '26.4' ? '18.5' : '26.4');
  const va = parseIos(a)!;
  const vb = parseIos(b)!;
  const changes = iosChangesBetween(va, vb);
  const { scenario } = props;
  const differing = useMemo(() => {
    if (!scenario) return [];
    const pa = simulate(onIos(scenario, parseIos(a)!)).result.pushes;
    const pb = simulate(onIos(scenario, parseIos(b)!)).result.pushes;
    return pa.flatMap((p) => {
      const q = pb.find((x) => x.id === p.id);
      return q && q.fate !== p.fate ? [{ id: p.id, from: p.fate, to: q.fate }] : [];
    });
  }, [scenario, a, b]);
  const versionSelect = (label: string, value: string, set: (v: string) => void) => (
    <select aria-label={label} value={value} onChange={(e) => set(e.target.value)}>
      {picks.map((v) => (
        <option key={v} value={v}>
          iOS {v}
          {v === own && props.scenario ? ' (this scenario)' : ''}
        </option>
      ))}
    </select>
  );
  return (
    <section className="ios-diff" aria-label="iOS versions">
      <h3>
        What changes from {versionSelect('First iOS version', a, setA)} to{' '}
        {versionSelect('Second iOS version', b, setB)}
      </h3>
      {changes.length === 0 ? (
        <p className="empty">No rule changes between these versions.</p>
      ) : (
        <ul>
          {changes.map((c) => (
            <li key={thresholdText(c.since)}>
              <strong>iOS {thresholdText(c.since)}:</strong> {c.what}{' '}
              {c.rules.map((id) => (
                <button key={id} type="button" className="rule-id link" onClick={() => props.onRule(id)}>
                  {id}
                </button>
              ))}
            </li>
          ))}
        </ul>
      )}
      {props.scenario && (
        <p className="ios-effect">
          In this scenario:{' '}
          {differing.length === 0
            ? 'every push ends the same way on both.'
            : differing.map((d, i) => (
                <span key={d.id}>
                  {i > 0 && '; '}
                  <span className="mono">{d.id}</span> {FATE_STYLE[d.from].icon} {d.from} → {FATE_STYLE[d.to].icon}{' '}
                  {d.to}
                </span>
              ))}
          {props.onCompare && a === own && b !== own && (
            <>
              {' '}
              <button type="button" className="link" onClick={() => props.onCompare?.(b)}>
                Show side by side
              </button>
            </>
          )}
        </p>
      )}
    </section>
  );
}

export function RuleLibrary(props: {
  focus?: string;
  scenario?: Scenario;
  onClose: () => void;
  onOpen: (showing: Showing) => void;
  onCompareIos?: (ios: string) => void;
}) {
  const [query, setQuery] = useState(props.focus ?? '');
  const showings = useMemo(() => showingsByRule(), []);
  // By meaning too: "didn't ring", "no sound", "late", "crash", "blocked" (the core's synonym table).
  const rules = searchRules(query);
  return (
    <Modal label="Rule library" className="library" onClose={props.onClose}>
      <header>
        <h2>Rule library</h2>
        <input
          autoFocus
          aria-label="Search rules"
          placeholder="Search rules, e.g. didn't ring, no sound, late or 0xbaadca11"
          value={query}
          onChange={(e) => setQuery(e.target.value)}
        />
        <button type="button" onClick={props.onClose}>
          Close
        </button>
      </header>
      <p className="hint">
        {rules.length} of {RULES.length} rules. Sources are the seed documents in shared/seeds (Apple DTS answers on the
        Developer Forums).
      </p>
      <IosDiff scenario={props.scenario} onRule={setQuery} onCompare={props.onCompareIos} />
      <ol className="rules-list">
        {rules.map((r) => (
          <li key={r.id} id={`rule-${r.id}`}>
            <h3>
              <span className="rule-id">{r.id}</span> {r.title}
            </h3>
            <p className="section">{r.section}</p>
            <p>{r.text.replace(/`/g, '')}</p>
            {r.params.length > 0 && (
              <ul className="numbers">
                {r.params.map((name) => {
                  const spec = PARAMS[name];
                  return (
                    <li key={name}>
                      <span className="mono">{name}</span> ={' '}
                      {spec.unit === 'ms' ? toDurationString(spec.default) : String(spec.default)}{' '}
                      <span className={`provenance ${spec.provenance}`}>
                        {spec.provenance === 'estimate' ? 'estimate: Apple does not document this' : 'documented'}
                      </span>
                    </li>
                  );
                })}
              </ul>
            )}
            <p className="meta">
              Source: seed {r.sources.join(', ')}.{' '}
              {(showings.get(r.id) ?? []).length ? 'Shown in: ' : 'No preset shows it yet.'}
              {(showings.get(r.id) ?? []).map((s, i) => (
                <span key={s.presetId}>
                  {i > 0 && ' · '}
                  <button type="button" className="link" onClick={() => props.onOpen(s)}>
                    {s.title}
                  </button>
                </span>
              ))}
            </p>
          </li>
        ))}
      </ol>
      <OwnChoices query={query} onRule={setQuery} />
    </Modal>
  );
}

/** Ringside's own choices where the sources are silent, each with the params that change it. */
function OwnChoices(props: { query: string; onRule: (id: string) => void }) {
  const q = props.query.trim().toLowerCase();
  const text = (c: ModelChoice) => [c.title, c.statement, c.silence, ...c.rules, ...c.params].join(' ').toLowerCase();
  const choices = q ? MODEL_CHOICES.filter((c) => text(c).includes(q)) : MODEL_CHOICES;
  if (choices.length === 0) return null;
  return (
    <section className="own-choices" aria-labelledby="own-choices-title">
      <h3 id="own-choices-title">Ringside's own choices</h3>
      <p className="hint">
        Where the sources are silent, Ringside decides. A step of a why-chain that one of these decided is marked
        "Ringside's assumption"; a scenario's params can change each.
      </p>
      <ol className="rules-list">
        {choices.map((c) => (
          <li key={c.id} id={`choice-${c.id}`}>
            <h4>{c.title}</h4>
            <p>{c.statement}</p>
            <p className="section">Why the sources do not settle it: {c.silence}</p>
            <p className="meta">
              Params: {c.params.map((name) => `${name} = ${paramValue(name)}`).join(', ')}. Rules:{' '}
              {c.rules.map((id) => (
                <button key={id} type="button" className="rule-id link" onClick={() => props.onRule(id)}>
                  {id}
                </button>
              ))}
            </p>
          </li>
        ))}
      </ol>
    </section>
  );
}

const paramValue = (name: keyof typeof PARAMS): string => {
  const d = PARAMS[name].default;
  return typeof d === 'number' && PARAMS[name].unit === 'ms' ? toDurationString(d) : String(d);
};

import { useMemo, useState } from 'react';
import { simulate } from '../../machines';
import { PARAMS } from '../../machines/params';
import { RULES } from '../../machines/rules';
import { loadScenario } from '../../machines/scenario';
import { toDurationString } from '../../machines/time';
import { PRESETS } from '../state/presets';

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

export function RuleLibrary(props: { focus?: string; onClose: () => void; onOpen: (showing: Showing) => void }) {
  const [query, setQuery] = useState(props.focus ?? '');
  const showings = useMemo(() => showingsByRule(), []);
  const q = query.trim().toLowerCase();
  const rules = RULES.filter(
    (r) =>
      !q || r.id.toLowerCase().includes(q) || r.text.toLowerCase().includes(q) || r.section.toLowerCase().includes(q),
  );
  return (
    <div className="library-backdrop" onClick={props.onClose}>
      <section
        className="library"
        role="dialog"
        aria-modal="true"
        aria-label="Rule library"
        onClick={(e) => e.stopPropagation()}
      >
        <header>
          <h2>Rule library</h2>
          <input
            autoFocus
            aria-label="Search rules"
            placeholder="Search rules, e.g. throttle or 0xbaadca11"
            value={query}
            onChange={(e) => setQuery(e.target.value)}
          />
          <button type="button" onClick={props.onClose}>
            Close
          </button>
        </header>
        <p className="hint">
          {rules.length} of {RULES.length} rules. Sources are the seed documents in shared/seeds (Apple DTS answers on
          the Developer Forums).
        </p>
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
                        {spec.unit === 'ms' ? toDurationString(spec.default) : spec.default}{' '}
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
      </section>
    </div>
  );
}

import { useMemo, useState } from 'react';
import { formatTime, type ScenarioFile } from '../../machines';
import type { LogPreview } from '../state/bridges/logImportRun';
import type { LogImportState } from '../state/bridges/useLogImport';
import { applyAnswers, questionsFor, sendTimeProblem, type LogQuestion } from '../state/view/logQuestions';
import { FileInput } from './FileInput';
import { Modal } from './Modal';
import '../logImport.css';

const count = (n: number, one: string, many = `${one}s`) => `${n.toLocaleString('en')} ${n === 1 ? one : many}`;
const mb = (n: number) => (n / 1024 ** 2).toFixed(n < 10 * 1024 ** 2 ? 1 : 0);

/**
 * A device log's import (#26): its progress while the worker reads it, then the preview: each recognised
 * line and what it became, the unrecognised ones folded under a count, and what the log could not say as
 * questions the user may answer otherwise before the scenario opens. Cancel leaves the document as it was.
 */
export function LogImportDialog(props: {
  state: LogImportState;
  onCancel: () => void;
  onOpen: (file: ScenarioFile, preview: LogPreview) => void;
  /** A log picked or pasted while choosing (File → Import Device Log… in the desktop app). */
  onChosen?: (source: Blob | string, name: string) => void;
}) {
  const { state } = props;
  if (state.phase === 'idle') return null;
  return (
    <Modal label="Import a device log" className="log-import" onClose={props.onCancel}>
      {state.phase === 'choosing' ? (
        <Choose onCancel={props.onCancel} onChosen={props.onChosen} />
      ) : state.phase === 'reading' ? (
        <div className="log-reading" aria-busy="true">
          <h2>Reading {state.name}…</h2>
          <progress max={state.total || 1} value={state.read} aria-label="Read so far" />
          <p className="hint">
            {state.total > 0 ? `${mb(state.read)} of ${mb(state.total)} MB` : 'Starting…'}: on this computer only;
            nothing is sent anywhere.
          </p>
          <div className="log-actions">
            <button type="button" onClick={props.onCancel}>
              Cancel
            </button>
          </div>
        </div>
      ) : (
        <Preview preview={state.preview} onCancel={props.onCancel} onOpen={props.onOpen} />
      )}
    </Modal>
  );
}

/** The log to read: a file (the platform's own file chooser) or pasted text. */
function Choose(props: { onCancel: () => void; onChosen?: (source: Blob | string, name: string) => void }) {
  const [text, setText] = useState('');
  return (
    <div className="log-choose">
      <h2>Import a device log</h2>
      <p className="hint">
        A <code>log show</code> or Console export (<code>.log</code>, <code>.txt</code>, or text exported from a{' '}
        <code>.logarchive</code>): read on this computer only; nothing is sent anywhere.
      </p>
      <label className="button-like primary">
        Choose a log file…
        <FileInput label="Choose a device log file" onFile={(picked) => props.onChosen?.(picked, picked.name)} />
      </label>
      <label className="log-paste">
        …or paste its lines here
        <textarea rows={6} value={text} onChange={(e) => setText(e.target.value)} />
      </label>
      <div className="log-actions">
        <button type="button" onClick={props.onCancel}>
          Cancel
        </button>
        <button type="button" disabled={text.trim() === ''} onClick={() => props.onChosen?.(text, 'pasted text')}>
          Read pasted lines
        </button>
      </div>
    </div>
  );
}

function Preview(props: {
  preview: LogPreview;
  onCancel: () => void;
  onOpen: (f: ScenarioFile, p: LogPreview) => void;
}) {
  const { preview } = props;
  const { stats } = preview;
  const questions = useMemo(() => questionsFor(preview.scenario, preview.inferred), [preview]);
  const [answers, setAnswers] = useState<Record<string, string>>({});
  const [unfolded, setUnfolded] = useState(false);
  const asked = new Set(questions.map((q) => q.because));
  const others = preview.inferred.filter((x) => !asked.has(x));
  const problems = questions.flatMap((q) =>
    q.key.startsWith('sent:') && answers[q.key] !== undefined ? (sendTimeProblem(answers[q.key]!) ?? []) : [],
  );
  const pushes = preview.scenario.timeline.filter((e) => e.do === 'push').length;
  const blocked = preview.errors.length > 0 || problems.length > 0;
  return (
    <form
      className="log-preview"
      onSubmit={(e) => {
        e.preventDefault();
        if (!blocked) props.onOpen(applyAnswers(preview.scenario, answers), preview);
      }}
    >
      <h2>Import {preview.name}</h2>
      <p className="hint">
        {count(stats.lines, 'line')}: {stats.recognised.toLocaleString('en')} recognised,{' '}
        {stats.unrecognised.toLocaleString('en')} not; {count(pushes, 'push', 'pushes')}. Read on this computer only:
        the scenario keeps what each line became, never the log itself.
      </p>
      {preview.errors.length > 0 && (
        <p className="error-bar" role="alert">
          ⚠ {preview.errors.join(' · ')}
        </p>
      )}
      <section className="log-lines" aria-label="Recognised lines">
        <table>
          <thead>
            <tr>
              <th scope="col">Line</th>
              <th scope="col">Time</th>
              <th scope="col">Process</th>
              <th scope="col">Log says</th>
              <th scope="col">Became</th>
              <th scope="col">Rule</th>
            </tr>
          </thead>
          <tbody>
            {preview.lines.map((l) => (
              <tr key={l.line}>
                <td className="num">{l.line}</td>
                <td className="num">{formatTime(l.at)}</td>
                <td>{l.process}</td>
                <td className="log-text" title={l.text}>
                  {l.text}
                </td>
                <td>{l.became}</td>
                <td>
                  <code>{l.rule}</code>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
        {stats.recognised > preview.lines.length && (
          <p className="hint">
            The first {preview.lines.length.toLocaleString('en')} of {stats.recognised.toLocaleString('en')} are listed.
          </p>
        )}
      </section>
      {stats.unrecognised > 0 && (
        <section className="log-unrecognised" aria-label="Lines not recognised">
          <button type="button" className="link" aria-expanded={unfolded} onClick={() => setUnfolded(!unfolded)}>
            {count(stats.unrecognised, 'line')} not recognised — {unfolded ? 'hide' : 'show'}
          </button>
          {unfolded && (
            <ul>
              {preview.unrecognised.map((u) => (
                <li key={u.line}>
                  <span className="num">{u.line}</span> {u.text}
                </li>
              ))}
              {stats.unrecognised > preview.unrecognised.length && (
                <li className="hint">
                  …and {(stats.unrecognised - preview.unrecognised.length).toLocaleString('en')} more, counted only
                </li>
              )}
            </ul>
          )}
        </section>
      )}
      <section className="log-questions" aria-label="What the log cannot say">
        <h3>What the log cannot say — the import's answers, yours to change</h3>
        {questions.map((q) => (
          <Question
            key={q.key}
            question={q}
            value={answers[q.key] ?? q.value}
            onChange={(v) => setAnswers((a) => ({ ...a, [q.key]: v }))}
          />
        ))}
        {others.length > 0 && (
          <ul className="log-inferred">
            {others.map((x) => (
              <li key={x}>Inferred: {x}</li>
            ))}
          </ul>
        )}
        {problems.length > 0 && (
          <p className="error-bar" role="alert">
            ⚠ {problems.join(' · ')}
          </p>
        )}
      </section>
      <div className="log-actions">
        <button type="button" onClick={props.onCancel}>
          Cancel
        </button>
        <button type="submit" className="primary" disabled={blocked}>
          Open as scenario
        </button>
      </div>
    </form>
  );
}

function Question(props: { question: LogQuestion; value: string; onChange: (value: string) => void }) {
  const { question: q } = props;
  const id = `q-${q.key.replace(/[^\w-]/g, '-')}`;
  return (
    <div className="log-question">
      <label htmlFor={id}>{q.label}</label>
      {q.options ? (
        <select id={id} value={props.value} onChange={(e) => props.onChange(e.target.value)}>
          {q.options.map((o) => (
            <option key={o.value} value={o.value}>
              {o.label}
            </option>
          ))}
        </select>
      ) : (
        <input id={id} value={props.value} onChange={(e) => props.onChange(e.target.value)} />
      )}
      <p className="hint">{q.because}</p>
    </div>
  );
}

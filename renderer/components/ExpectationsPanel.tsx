import { memo } from 'react';
import type { Expectation, ExpectationResult } from '../../machines';
import { describeExpectation } from '../../machines';

/** The push an expectation names (its push or its call), to select from the list. */
const pushOf = (e: Expectation): string | undefined => ('push' in e ? e.push : 'call' in e ? e.call : undefined);

/**
 * The document's `expect` block as a test runner's list: ✓ or ✗ for each, from the result the core
 * computed (the very `expectations` that `ringside check` prints, worded by the same function), so the
 * panel and the CLI never disagree. Each can be removed; new ones come from a push (the Why panel) or
 * from the strike meter.
 */
export const ExpectationsPanel = memo(function ExpectationsPanel(props: {
  results: readonly ExpectationResult[];
  onRemove: (expect: Expectation) => void;
  onSelectPush: (id: string) => void;
}) {
  const failed = props.results.filter((r) => !r.ok).length;
  const passed = props.results.length - failed;
  return (
    <section className="panel expectations" aria-label="Expectations">
      <h2>
        Expectations
        {props.results.length > 0 && (
          <span className={`fate tone-${failed ? 'bad' : 'good'}`} aria-label="Summary">
            {passed} passed, {failed} failed
          </span>
        )}
      </h2>
      {props.results.length === 0 ? (
        <p className="empty">
          None yet. Expect a push&apos;s fate or audio from its Why panel, or the strikes from the strike meter.
        </p>
      ) : (
        <ul className="expect-list">
          {props.results.map((r, i) => {
            const push = pushOf(r.expect);
            const words = describeExpectation(r.expect);
            return (
              <li key={i} className={r.ok ? 'pass' : 'fail'} data-ok={r.ok}>
                <span className={`expect-mark tone-${r.ok ? 'good' : 'bad'}`} aria-label={r.ok ? 'passes' : 'fails'}>
                  {r.ok ? '✓' : '✗'}
                </span>
                {push === undefined ? (
                  <span className="expect-words">{words}</span>
                ) : (
                  <button
                    type="button"
                    className="link expect-words"
                    title={`Select ${push}`}
                    onClick={() => props.onSelectPush(push)}
                  >
                    {words}
                  </button>
                )}
                {!r.ok && <span className="expect-actual">got {String(r.actual)}</span>}
                <button
                  type="button"
                  className="link expect-remove"
                  aria-label={`Remove the expectation ${words}`}
                  title="Remove this expectation (undo brings it back)"
                  onClick={() => props.onRemove(r.expect)}
                >
                  ×
                </button>
              </li>
            );
          })}
        </ul>
      )}
    </section>
  );
});

import { useId, useState } from 'react';
import { createPortal } from 'react-dom';
import { markTerms, type Term } from '../../machines';
import '../plain.css';

/**
 * A glossary term with its plain-words definition on hover and on keyboard focus. The definition is the
 * term's accessible description (aria-describedby) through a hidden node outside the panel, and the
 * visible tooltip exists only while shown, so the panel's text (copy, search, tests) stays the sentence.
 */
export function GlossTerm(props: { text: string; term: Term }) {
  const id = useId();
  const [open, setOpen] = useState(false);
  const definition = `${props.term.term}: ${props.term.definition}`;
  return (
    <span
      className="term"
      tabIndex={0}
      aria-describedby={id}
      onMouseEnter={() => setOpen(true)}
      onMouseLeave={() => setOpen(false)}
      onFocus={() => setOpen(true)}
      onBlur={() => setOpen(false)}
      onKeyDown={(e) => {
        if (e.key === 'Escape' && open) {
          e.stopPropagation();
          setOpen(false);
        }
      }}
    >
      {props.text}
      {open && (
        <span role="tooltip" className="term-tip">
          {definition}
        </span>
      )}
      {createPortal(
        <span id={id} hidden>
          {definition}
        </span>,
        document.body,
      )}
    </span>
  );
}

/** Text with every glossary term in it (machines/explain/glossary.ts) wrapped in a {@link GlossTerm}. */
export function Glossed(props: { text: string }) {
  return (
    <>
      {markTerms(props.text).map((piece, i) =>
        typeof piece === 'string' ? piece : <GlossTerm key={i} text={piece.text} term={piece.term} />,
      )}
    </>
  );
}

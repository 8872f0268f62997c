import { formatErrors, type ScenarioError } from '../../machines';
import type { Notice } from '../state/bridges/useDocumentFile';
import type { Refused } from '../state/document/editorMachine';

/**
 * The line under the toolbar: unsaved work to restore, else an edit refused (the document stays as it
 * was), else a notice (what happened: opened, saved, "removed 1 expectation that named call-2"), else
 * the document's errors, else how to use the timeline.
 */
export function HintBar(props: {
  offer?: { savedAt: string };
  onRestore: () => void;
  onDiscard: () => void;
  refused?: Refused;
  notice?: Notice;
  onDismiss: () => void;
  errors: readonly ScenarioError[];
  onShortcuts: () => void;
}) {
  const { offer, refused, notice } = props;
  return (
    <p className="hint-bar">
      {offer ? (
        <span className="info-bar" role="status">
          Unsaved work from {new Date(offer.savedAt).toLocaleString()} is still here.{' '}
          <button type="button" className="link" onClick={props.onRestore}>
            Restore it
          </button>
          <button type="button" className="link" onClick={props.onDiscard}>
            Discard
          </button>
        </span>
      ) : refused ? (
        <span className="error-bar" role="alert">
          ⚠ Not applied: {refused.path ? `${refused.path}: ` : ''}
          {refused.reason}. The document is as it was.
        </span>
      ) : notice ? (
        <span
          className={notice.kind === 'error' ? 'error-bar' : 'info-bar'}
          role={notice.kind === 'error' ? 'alert' : 'status'}
        >
          {notice.kind === 'error' ? '⚠ ' : ''}
          {notice.text}{' '}
          <button type="button" className="link" onClick={props.onDismiss}>
            dismiss
          </button>
        </span>
      ) : props.errors.length > 0 ? (
        <span className="error-bar" role="alert">
          ⚠ {formatErrors(props.errors).join(' · ')} — showing the last valid result.
        </span>
      ) : (
        <>
          <strong>Drag a push or a network change; fates update as you drag.</strong> Click a push for its rules ·
          double-click a lane to add · Ctrl/⌘+wheel zooms · ← → step through events ·{' '}
          <button type="button" className="link" onClick={props.onShortcuts}>
            all shortcuts (?)
          </button>
        </>
      )}
    </p>
  );
}

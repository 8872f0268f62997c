import { Component, type ReactNode } from 'react';
import { savedScenarioText, type ScenarioFile } from '../../machines';
import { downloadText, fileNameFor } from '../state/bridges/documentIO';

interface Props {
  /** The document to keep when the app below fails to render. */
  readonly document: () => ScenarioFile | undefined;
  /** Told once, so that the document can also be kept where a reload finds it (autosave). */
  readonly onCrash?: (file: ScenarioFile | undefined) => void;
  readonly children: ReactNode;
}

interface State {
  readonly error?: Error;
  readonly file?: ScenarioFile;
}

/**
 * If the app throws while rendering, the page says so and offers the document as a download instead
 * of going blank (a link with a hostile value used to leave a white page and the work with it).
 */
export class CrashBoundary extends Component<Props, State> {
  override state: State = {};

  static getDerivedStateFromError(error: unknown): State {
    return { error: error instanceof Error ? error : new Error(String(error)) };
  }

  override componentDidCatch(): void {
    const file = this.props.document();
    this.setState({ file });
    this.props.onCrash?.(file);
  }

  override render(): ReactNode {
    const { error, file } = this.state;
    if (!error) return this.props.children;
    const message = error.message.length > 200 ? `${error.message.slice(0, 200)}…` : error.message;
    return (
      <main className="crash" role="alert" style={{ padding: '2rem', maxWidth: '44rem' }}>
        <h1>Ringside stopped: this is a bug</h1>
        <p>
          Something in the app failed ({message}). {file ? `Your scenario “${file.title}” is kept.` : ''}
        </p>
        <p>
          {file ? (
            <button
              type="button"
              onClick={() => downloadText(savedScenarioText(file), fileNameFor(file), 'application/json')}
            >
              Download the scenario (JSON)
            </button>
          ) : null}{' '}
          <button type="button" onClick={() => window.location.reload()}>
            Reload
          </button>
        </p>
      </main>
    );
  }
}

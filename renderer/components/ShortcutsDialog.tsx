import { PRESENT_HELP } from '../state/view/presentKeys';
import { BINDINGS } from '../state/view/useShortcuts';
import { Modal } from './Modal';

/** What the pointer does on the timeline (Timeline.tsx). */
const POINTER: readonly { shown: string; does: string }[] = [
  { shown: 'Drag an event', does: 'move it in time: every lane and fate re-simulates as you drag' },
  { shown: 'Alt while dragging', does: 'move freely instead of in 100 ms steps' },
  { shown: 'Drag a span’s edge', does: 'move that network or power change' },
  { shown: 'Shift-click', does: 'select several events; dragging one moves them all' },
  { shown: 'Double-click a lane', does: 'add an event there' },
  { shown: 'Double-click a bar or a span', does: 'zoom to it' },
  { shown: 'Click the axis or an empty place', does: 'move the playhead there' },
  { shown: 'Drag the background, Shift+wheel', does: 'pan' },
  { shown: 'Ctrl/⌘+wheel, pinch', does: 'zoom around the pointer' },
];

/** `Shift+Ctrl/⌘+Z` as keys held together, `Delete / Backspace` as choices, each key in a `<kbd>`. */
function Keys(props: { shown: string }) {
  return props.shown.split(' / ').map((choice, i) => (
    <span key={choice}>
      {i > 0 && ' or '}
      {(choice === '+' ? ['+'] : choice.split('+')).map((key, j) => (
        <span key={key}>
          {j > 0 && '+'}
          <kbd>{key}</kbd>
        </span>
      ))}
    </span>
  ));
}

function Group(props: { title: string; keys: boolean; items: readonly { shown: string; does: string }[] }) {
  return (
    <section>
      <h3>{props.title}</h3>
      <dl>
        {props.items.map((item) => (
          <div key={item.shown}>
            <dt>{props.keys ? <Keys shown={item.shown} /> : item.shown}</dt>
            <dd>{item.does}</dd>
          </div>
        ))}
      </dl>
    </section>
  );
}

/** Every key and pointer gesture of the editor and of present mode (`?`, or Help in the desktop app). */
export function ShortcutsDialog(props: { onClose: () => void }) {
  return (
    <Modal label="Keyboard shortcuts" className="shortcuts" onClose={props.onClose}>
      <header>
        <h2>Keyboard shortcuts</h2>
        <button type="button" onClick={props.onClose}>
          Close
        </button>
      </header>
      <div className="shortcut-groups">
        <Group title="Timeline and editing" keys items={BINDINGS} />
        <div>
          <Group title="Pointer" keys={false} items={POINTER} />
          <Group title="Present mode" keys items={PRESENT_HELP} />
        </div>
      </div>
    </Modal>
  );
}

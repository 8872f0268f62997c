import { memo, useRef, useState, type RefObject } from 'react';
import type { TimelineEventFile } from '../../machines';
import { PRESETS } from '../state/document/presets';
import type { CompareGroup } from '../state/document/variants';
import { useTypingKey } from '../state/document/typing';
import { FileInput, SCENARIO_FILES } from './FileInput';

const OPEN_FILE = 'open-file';

export type Theme = 'system' | 'light' | 'dark';
export const SPEEDS = [1, 10, 60, 600] as const;

/**
 * The compare menu's face for the chosen variant: short, so that a long what-if is never cut in the
 * menu (#24); the variant's pane heading and the Differences panel name it whole, and so does the
 * menu's tooltip.
 */
function compareFace(group: string, label: string): string {
  if (group === 'iOS version') return `Comparing: ${label.replace(/^On /, '')}`;
  return group === 'What if' ? 'Comparing: a what-if' : 'Comparing: a scenario';
}

export interface ToolbarProps {
  readonly title: string;
  /** The title of the preset the document came from, once it is edited ("modified from …" under the title). */
  readonly modifiedFrom?: string;
  readonly ios: string;
  readonly playing: boolean;
  readonly speed: number;
  readonly canUndo: boolean;
  readonly canRedo: boolean;
  readonly theme: Theme;
  readonly addable: readonly { type: TimelineEventFile['do']; label: string }[];
  onAdd: (type: TimelineEventFile['do']) => void;
  onOpenText: (text: string, name: string) => void;
  /** The Open… file field (Ctrl/⌘+O clicks it). */
  openInput?: RefObject<HTMLInputElement | null>;
  /** Import device log…: a picked log goes to the import's preview (#26). */
  onImportLog?: (file: File, name: string) => void;
  onSave: () => void;
  /** A new document: empty (no preset id) or a copy of a preset (as the desktop app's File → New). */
  onNew?: (presetId?: string) => void;
  onReport: (format: 'md' | 'html') => void;
  onExport: (format: 'svg' | 'png') => void;
  onCopyLink: () => void;
  onRules: () => void;
  onPresent: () => void;
  readonly compareGroups: readonly CompareGroup[];
  readonly compareWith?: string;
  onCompare: (key: string | undefined) => void;
  onCompareFile: (text: string, name: string) => void;
  /** `typing`: the key that makes one visit's typing one undo step (`useTypingKey`). */
  onTitle: (title: string, typing: string) => void;
  onPreset: (id: string) => void;
  onIos: (ios: string, typing: string) => void;
  onPlay: () => void;
  onSpeed: (speed: number) => void;
  onNextEvent: () => void;
  onFit: () => void;
  onUndo: () => void;
  onRedo: () => void;
  onTheme: (theme: Theme) => void;
}

export const Toolbar = memo(function Toolbar(props: ToolbarProps) {
  const [query, setQuery] = useState('');
  const compareFile = useRef<HTMLInputElement>(null);
  const typing = useTypingKey();
  const shown = PRESETS.filter((p) => p.title.toLowerCase().includes(query.toLowerCase()));
  const compared = props.compareGroups.flatMap((g) => g.items).find((c) => c.key === props.compareWith)?.label;
  return (
    <header className="toolbar" role="toolbar" aria-label="Scenario">
      <div className="toolbar-row">
        <span className="brand" aria-hidden="true">
          ◉ Ringside
        </span>
        <div className="title-box">
          {/* A textarea, so that a long title wraps instead of being cut; a title is one line (Enter ends it). */}
          <textarea
            className="title"
            aria-label="Scenario title"
            rows={1}
            value={props.title}
            onFocus={typing.onFocus}
            onKeyDown={(e) => e.key === 'Enter' && (e.preventDefault(), e.currentTarget.blur())}
            onChange={(e) => props.onTitle(e.target.value.replace(/\n/g, ' '), typing.key('title'))}
          />
          {props.modifiedFrom && <span className="modified-from">modified from “{props.modifiedFrom}”</span>}
        </div>
        <input
          className="preset-search"
          aria-label="Search presets"
          placeholder="Search presets…"
          value={query}
          onChange={(e) => setQuery(e.target.value)}
          // Enter opens the first preset that matches, as a search box's first hit would.
          onKeyDown={(e) => e.key === 'Enter' && shown[0] && props.onPreset(shown[0].id)}
        />
        <select
          aria-label="Preset"
          // A menu with a fixed face, as New…, Report… and Export… are: the title beside it names the
          // document, and a preset's long title would be cut in a face as narrow as this one (#24).
          value=""
          onChange={(e) => e.target.value && props.onPreset(e.target.value)}
        >
          <option value="">{shown.length ? `Presets (${shown.length})` : 'No preset matches'}</option>
          {shown.map((p) => (
            <option key={p.id} value={p.id}>
              {p.title}
            </option>
          ))}
        </select>
        <label className="inline">
          iOS{' '}
          <input
            className="ios"
            aria-label="iOS version"
            value={props.ios}
            onFocus={typing.onFocus}
            onChange={(e) => props.onIos(e.target.value, typing.key('ios'))}
          />
        </label>
        <select
          aria-label="Compare with a variant"
          title={compared}
          value={props.compareWith ?? ''}
          onChange={(e) => {
            if (e.target.value === OPEN_FILE) compareFile.current?.click();
            else props.onCompare(e.target.value || undefined);
          }}
        >
          <option value="">Compare: off</option>
          {props.compareGroups.map((g) => (
            <optgroup key={g.group} label={g.group}>
              {g.items.map((c) => (
                <option key={c.key} value={c.key}>
                  {c.key === props.compareWith ? compareFace(g.group, c.label) : c.label}
                </option>
              ))}
            </optgroup>
          ))}
          <option value={OPEN_FILE}>Compare with a file…</option>
        </select>
        <FileInput
          ref={compareFile}
          accept={SCENARIO_FILES}
          untabbable
          label="Scenario file to compare with"
          onFile={(picked) => void picked.text().then((text) => props.onCompareFile(text, picked.name))}
        />
        <button type="button" onClick={props.onRules}>
          Rules
        </button>
        <button type="button" onClick={props.onPresent} title="Step through the scenario full screen, for a room">
          ▶ Present
        </button>
      </div>
      <div className="toolbar-row">
        <div className="group" role="group" aria-label="Playback">
          <button type="button" onClick={props.onPlay} aria-pressed={props.playing}>
            {props.playing ? '❚❚ Pause' : '▶ Play'}
          </button>
          <select aria-label="Speed" value={props.speed} onChange={(e) => props.onSpeed(Number(e.target.value))}>
            {SPEEDS.map((s) => (
              <option key={s} value={s}>
                {s}×
              </option>
            ))}
          </select>
          <button type="button" onClick={props.onNextEvent} title="Jump to the next event (→)">
            ⇥ Next
          </button>
        </div>
        <select
          aria-label="Add event at the playhead"
          value=""
          onChange={(e) => {
            if (e.target.value) props.onAdd(e.target.value as TimelineEventFile['do']);
          }}
        >
          <option value="">+ Event…</option>
          {props.addable.map((a) => (
            <option key={a.type} value={a.type}>
              {a.label}
            </option>
          ))}
        </select>
        <button type="button" onClick={props.onFit} title="Zoom to fit (0)">
          ⤢ Fit
        </button>
        <div className="group" role="group" aria-label="History">
          <button type="button" onClick={props.onUndo} disabled={!props.canUndo} title="Undo (Ctrl/⌘+Z)">
            ↶ Undo
          </button>
          <button type="button" onClick={props.onRedo} disabled={!props.canRedo} title="Redo (Shift+Ctrl/⌘+Z)">
            ↷ Redo
          </button>
        </div>
        <div className="group" role="group" aria-label="File">
          {props.onNew && (
            <select
              aria-label="New scenario"
              title="Start a new scenario: empty, or from a preset"
              value=""
              onChange={(e) => {
                const choice = e.target.value;
                if (choice) props.onNew?.(choice === 'empty' ? undefined : choice);
              }}
            >
              <option value="">New…</option>
              <option value="empty">Empty scenario</option>
              <optgroup label="From a preset">
                {PRESETS.map((p) => (
                  <option key={p.id} value={p.id}>
                    {p.title}
                  </option>
                ))}
              </optgroup>
            </select>
          )}
          <label className="button-like">
            Open…
            <FileInput
              ref={props.openInput}
              accept={SCENARIO_FILES}
              label="Open a scenario file"
              onFile={(picked) => void picked.text().then((text) => props.onOpenText(text, picked.name))}
            />
          </label>
          {props.onImportLog && (
            <label
              className="button-like"
              title="Import a device log: a `log show` or Console export, read here, never sent anywhere"
            >
              Import log…
              <FileInput label="Import a device log" onFile={(picked) => props.onImportLog?.(picked, picked.name)} />
            </label>
          )}
          <button type="button" onClick={props.onSave} title="Download as .ringside.json (Ctrl/⌘+S)">
            Save
          </button>
          <select
            aria-label="Download a report"
            title="A report for a ticket: the scenario, every push's fate and why, strikes"
            value=""
            onChange={(e) => {
              if (e.target.value === 'md' || e.target.value === 'html') props.onReport(e.target.value);
            }}
          >
            <option value="">Report…</option>
            <option value="md">Markdown, to paste into a ticket</option>
            <option value="html">Printable page (HTML)</option>
          </select>
          <select
            aria-label="Export the timeline"
            value=""
            onChange={(e) => {
              if (e.target.value === 'svg' || e.target.value === 'png') props.onExport(e.target.value);
            }}
          >
            <option value="">Export…</option>
            <option value="svg">Timeline as SVG</option>
            <option value="png">Timeline as PNG (2×)</option>
          </select>
          <button type="button" onClick={props.onCopyLink} title="Copy a link with the whole scenario in it">
            Copy link
          </button>
        </div>
        <select aria-label="Theme" value={props.theme} onChange={(e) => props.onTheme(e.target.value as Theme)}>
          <option value="system">◐ System theme</option>
          <option value="light">☀ Light</option>
          <option value="dark">☾ Dark</option>
        </select>
      </div>
    </header>
  );
});

import type { Ref } from 'react';

/**
 * A file input kept out of sight: its face is the label around it (Open…, Import log…) or a control
 * that clicks it through `ref` (the compare menu's "Compare with a file…"). Each pick hands the
 * file over once and empties the input, so that picking the same file again, after editing it on
 * disk, is a change the browser reports.
 */
export function FileInput({
  ref,
  label,
  onFile,
  accept,
  untabbable,
}: {
  ref?: Ref<HTMLInputElement>;
  /** The input's accessible name. */
  label: string;
  onFile: (file: File) => void;
  accept?: string;
  /** Out of the Tab order when another control opens it (its face is then that control). */
  untabbable?: boolean;
}) {
  return (
    <input
      ref={ref}
      type="file"
      accept={accept}
      className="visually-hidden"
      tabIndex={untabbable ? -1 : undefined}
      aria-label={label}
      onChange={(e) => {
        const picked = e.target.files?.[0];
        e.target.value = '';
        if (picked) onFile(picked);
      }}
    />
  );
}

/** What a scenario file's picker accepts. */
export const SCENARIO_FILES = '.json,application/json';

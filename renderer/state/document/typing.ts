import { useCallback, useRef } from 'react';

/**
 * Keys that make what is typed into one field during one visit a single undo step (`doc.edit`'s
 * `typing`): each focus starts a new visit. Put `onFocus` on the fields or on a box around them
 * (React's focus events bubble); pass `key(field)` with each edit the field makes.
 */
export function useTypingKey(): { onFocus: () => void; key: (field: string) => string } {
  const visit = useRef(0);
  const onFocus = useCallback(() => {
    visit.current++;
  }, []);
  const key = useCallback((field: string) => `${field}#${visit.current}`, []);
  return { onFocus, key };
}

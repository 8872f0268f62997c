import { useLayoutEffect, useRef, useState, type ReactNode } from 'react';

/**
 * A modal dialog over the app, on the platform's `<dialog>`: the page behind it is inert (Tab stays
 * inside), Esc or a click outside it closes it, and the focus goes back to where it was when it opened.
 */
export function Modal(props: { label: string; className: string; onClose: () => void; children: ReactNode }) {
  const ref = useRef<HTMLDialogElement>(null);
  // Read while rendering, before anything inside (an autofocused field) takes the focus.
  const [opener] = useState(() => (document.activeElement instanceof HTMLElement ? document.activeElement : null));
  useLayoutEffect(() => {
    const dialog = ref.current;
    if (!dialog) return;
    const focused = document.activeElement;
    if (!dialog.open) dialog.showModal();
    // showModal moves the focus to the dialog's first control: a field that asked for it keeps it.
    if (focused instanceof HTMLElement && dialog.contains(focused)) focused.focus();
    return () => {
      if (dialog.open) dialog.close();
      if (opener?.isConnected) opener.focus();
    };
  }, [opener]);
  return (
    <dialog
      ref={ref}
      className={`modal ${props.className}`}
      aria-label={props.label}
      onCancel={(e) => {
        // Esc: the app closes it (unmounting it), so that its state and the dialog's agree.
        e.preventDefault();
        props.onClose();
      }}
      onClick={(e) => {
        // A click on the backdrop lands on the dialog element itself, outside its box.
        if (e.target !== e.currentTarget) return;
        const r = e.currentTarget.getBoundingClientRect();
        if (e.clientX < r.left || e.clientX > r.right || e.clientY < r.top || e.clientY > r.bottom) props.onClose();
      }}
    >
      {props.children}
    </dialog>
  );
}

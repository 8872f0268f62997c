/**
 * Runs `fn` once the next frame has been painted, in a task of its own; returns a function that
 * cancels it.
 *
 * For reading the layout (getBoundingClientRect, clientHeight…) after a render: read inside a layout
 * effect, it forces the browser to lay out everything the render changed inside the event's task (a
 * click that selects a push spent ~25 ms there); read after the paint, the layout is already done and
 * reading it costs nothing.
 */
export function afterPaint(fn: () => void): () => void {
  let cancelled = false;
  const frame = requestAnimationFrame(() => {
    // A message is handled after the frame that ran this callback has been rendered.
    const channel = new MessageChannel();
    channel.port1.onmessage = () => {
      channel.port1.close();
      if (!cancelled) fn();
    };
    channel.port2.postMessage(undefined);
  });
  return () => {
    cancelled = true;
    cancelAnimationFrame(frame);
  };
}

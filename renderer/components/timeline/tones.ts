// What colours and glyphs the timeline draws states and markers in (styles.css colours the tones). No React.

/**
 * Each state's tone, which styles.css colours (`.iv[data-tone=…]`; a kind not listed is "quiet"). A
 * bar too narrow for its label also carries its tone's pattern (see CUED), so that no state is told
 * from another by colour alone (red, amber and green are what red-green colour blindness confuses).
 */
export const TONES: Readonly<Record<string, 'on' | 'off' | 'mid' | 'call' | 'rest' | 'gone'>> = {
  'network.wifi': 'on',
  'network.cellular': 'on',
  'apsd.connected': 'on',
  'apns.connected': 'on',
  'app.foreground': 'on',
  'network.offline': 'off',
  'apsd.gave-up': 'off',
  'powerd.restricted': 'off',
  throttle: 'off',
  'audio.none': 'off',
  'audio.null-session': 'off',
  'apsd.dead': 'off',
  'network.cellular-poor': 'mid',
  'apsd.connecting': 'mid',
  'apsd.backoff': 'mid',
  'apns.holding': 'mid',
  'push.waiting': 'mid',
  deadline: 'mid',
  'app.launching': 'mid',
  handler: 'mid',
  'audio.one-way': 'mid',
  'call.ringing': 'call',
  'call.active': 'call',
  'audio.two-way': 'call',
  // The app's process: running in the background is "quiet"; suspended (alive, running no code) is
  // paler, with pause bars when unlabelled; not running is an outline with nothing inside.
  'app.suspended': 'rest',
  'app.not-running': 'gone',
};
export const toneOf = (kind: string) => TONES[kind] ?? 'quiet';

/**
 * The tones whose unlabelled bars carry a pattern (`<pattern id="…-cue-{tone}">`, once per timeline):
 * "not working" a diagonal hatch, "in between" dots, a call horizontal stripes, a suspended app
 * upright pause bars. "Working" and "quiet" stay plain; "gone" is told by its empty, dashed outline.
 */
export const CUED: ReadonlySet<string> = new Set(['off', 'mid', 'call', 'rest']);

/** The markers' glyphs by kind; any other marker is a dot. The legend lists these. */
export const MARKER_GLYPHS: Readonly<Record<string, string>> = {
  'app.crashed': '✕',
  'app.killed': '☠',
  strike: '⚑',
  'push.throttled': '⊘',
};
export const markerGlyph = (kind: string) => MARKER_GLYPHS[kind] ?? '•';

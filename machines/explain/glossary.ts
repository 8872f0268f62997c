/**
 * Every term of art a why, a verdict or a remedy uses, defined in plain words for support and product
 * staff. The one glossary: the UI's hover/focus definitions and `ringside explain TERM` both read it.
 */

export interface Term {
  /** The term as it is written in the rules, e.g. `callservicesd`. */
  readonly term: string;
  /** Other spellings found in the whys, matched like the term (whole words, any case). */
  readonly aliases: readonly string[];
  /** A few plain words a sentence can put beside the term: "the phone's call manager". */
  readonly gloss: string;
  /** One or two plain sentences. */
  readonly definition: string;
  /** The rules (RULES.md) where the term matters most. */
  readonly rules: readonly string[];
}

/** The glossary, longest terms first within a family so a match takes "PushKit handler" before "PushKit". */
export const GLOSSARY: readonly Term[] = [
  {
    term: 'APNs',
    aliases: ['Apple Push Notification service'],
    gloss: "Apple's push service",
    definition:
      "Apple's push service: the servers that carry a notification from the app's server to the phone. It answers the app's server at once, before it knows whether the phone got anything.",
    rules: ['APNS-1', 'APNS-2', 'APNS-3', 'APNS-4'],
  },
  {
    term: 'apsd',
    aliases: [],
    gloss: "the phone's link to Apple's push service",
    definition:
      "The part of iOS that keeps the phone's one connection to Apple's push service open for every app. If it is down, no app on the phone gets anything.",
    rules: ['PATH-1', 'DEV-1', 'DEV-2'],
  },
  {
    term: 'callservicesd',
    aliases: [],
    gloss: "the phone's call manager",
    definition:
      'The part of iOS that hands an incoming call notification to the app, checks about 7 seconds later that the app showed the call, and closes the app if it did not.',
    rules: ['KILL-1', 'EXEMPT-1', 'THROTTLE-1'],
  },
  {
    term: 'PushKit handler',
    aliases: ['handler', 'pushRegistry(_:didReceiveIncomingPushWith:for:completion:)'],
    gloss: "the app's code that receives an incoming call",
    definition:
      "The piece of the app's code iOS runs when a call notification arrives. It must tell iOS about the call before it finishes; if it does not, iOS crashes the app.",
    rules: ['PK-1', 'PK-2'],
  },
  {
    term: 'PKPushRegistry delegate',
    aliases: ['delegate', 'PushKit delegate'],
    gloss: 'who in the app receives call notifications',
    definition:
      'The object in the app that iOS gives call notifications to. The app must name it as it starts up; a notification that arrives before that is lost and the app gets closed.',
    rules: ['LAUNCH-2'],
  },
  {
    term: 'PushKit',
    aliases: [],
    gloss: "Apple's framework for call notifications",
    definition:
      'The part of iOS that delivers call notifications (VoIP pushes) to an app and makes sure the app shows each call at once.',
    rules: ['PK-1'],
  },
  {
    term: 'CallKit',
    aliases: ['CXProvider'],
    gloss: "iOS's incoming-call screen",
    definition:
      "The part of iOS that shows the incoming-call screen, lets the person answer or decline, and switches the call's audio on.",
    rules: ['CALL-1', 'EXEMPT-2', 'EXEMPT-3', 'AUDIO-1'],
  },
  {
    term: 'reportNewIncomingCall',
    aliases: ['report', 'reported', 'reporting'],
    gloss: 'telling iOS about the call',
    definition:
      'How the app tells iOS "there is an incoming call": iOS then shows the call screen. An app that receives a call notification must do this at once.',
    rules: ['PK-1', 'KILL-1'],
  },
  {
    term: 'powerd',
    aliases: ['policy 3', 'powerd policy'],
    gloss: "the phone's power manager",
    definition:
      "The part of iOS that saves battery. On a locked phone with a poor signal it can stop the phone reconnecting to Apple's push service until something wakes the phone.",
    rules: ['DEV-2'],
  },
  {
    term: 'VoIP push',
    aliases: ['VoIP pushes', 'VoIP'],
    gloss: 'a call notification',
    definition:
      'The kind of notification a calling app sends to make a phone ring. Unlike a regular notification, it wakes or launches the app, which must then show the call.',
    rules: ['PATH-1', 'PK-1'],
  },
  {
    term: 'alert push',
    aliases: ['alert'],
    gloss: 'a regular notification',
    definition: 'A regular notification with a message, as any app can send. It does not launch the app.',
    rules: ['PATH-2'],
  },
  {
    term: 'background push',
    aliases: ['content-available'],
    gloss: 'a silent, best-effort notification',
    definition:
      'A silent notification meant to let an app refresh in the background. iOS may delay it or never deliver it, so it cannot be relied on, e.g. to cancel a call.',
    rules: ['PATH-3'],
  },
  {
    term: 'strike',
    aliases: ['strikes', 'reporting failure'],
    gloss: 'a mark against the app',
    definition:
      'Each time the app crashes or is closed for not showing a call, iOS counts a strike. Too many strikes in a day and iOS stops giving the app calls.',
    rules: ['PK-1', 'KILL-1', 'THROTTLE-1'],
  },
  {
    term: 'throttle',
    aliases: ['throttled', 'throttling', 'block'],
    gloss: 'iOS no longer gives the app calls',
    definition:
      'After about 5 strikes within 24 hours, iOS stops giving the app its call notifications. It lifts by itself after about 24 hours, or at once when the app is deleted and reinstalled.',
    rules: ['THROTTLE-1', 'THROTTLE-2'],
  },
  {
    term: 'apns-expiration',
    aliases: ['expiration'],
    gloss: 'how long Apple may keep trying',
    definition:
      "A setting the app's server sends with each notification: how long Apple's push service may keep it for a phone that is offline. 0 means now or never.",
    rules: ['APNS-2', 'APNS-3', 'MUST-1'],
  },
  {
    term: '0xbaadca11',
    aliases: [],
    gloss: 'the code iOS writes when it closes an app for not showing a call',
    definition:
      'The code ("bad call") in the crash report when iOS closed the app because it did not show an incoming call within about 7 seconds.',
    rules: ['KILL-1'],
  },
  {
    term: 'dead-peer detection',
    aliases: [],
    gloss: "how Apple's push service notices a phone is gone",
    definition:
      "Apple's push service only notices a phone has dropped off when the connection times out (minutes). Until then it keeps notifications for the phone instead of discarding them.",
    rules: ['APNS-2'],
  },
  {
    term: 'TLS handshake',
    aliases: ['reconnect'],
    gloss: 'setting up a secure connection',
    definition:
      "The few seconds the phone needs to set up its secure connection to Apple's push service again after the network comes back.",
    rules: ['DEV-1'],
  },
  {
    term: 'NAT',
    aliases: ['NAT router', 'middlebox'],
    gloss: 'a home or office router',
    definition:
      "A router between the phone and the internet. A faulty one can cut the connection while the phone still thinks it is online, so notifications wait in Apple's push service.",
    rules: ['DEV-3'],
  },
  {
    term: 'UUID',
    aliases: [],
    gloss: "a call's ID",
    definition:
      'The unique ID the app gives each call it shows. Showing a second call with the ID of one in progress is refused.',
    rules: ['EXEMPT-2'],
  },
  {
    term: 'foreground',
    aliases: ['in the foreground'],
    gloss: 'open on screen',
    definition:
      'The app is open and on screen. Then it may show calls in its own screen, and need not show a call at all.',
    rules: ['EXEMPT-1', 'EXEMPT-3'],
  },
  {
    term: 'setConfiguration',
    aliases: [],
    gloss: "refreshing the app's call settings",
    definition:
      'A step the app can take just before each call to refresh its call settings with iOS; it fixes calls with no sound caused by a stale audio setting.',
    rules: ['AUDIO-2'],
  },
  {
    term: 'audio session',
    aliases: ['audio session ID', 'didActivate', 'provider(_:didActivate:)'],
    gloss: "the call's sound",
    definition:
      'The sound channel of a call. iOS switches it on when the call is answered; if that never happens the call has no sound, or sound only one way.',
    rules: ['AUDIO-1', 'AUDIO-5'],
  },
  {
    term: 'mediaserverd',
    aliases: [],
    gloss: "the phone's sound service",
    definition:
      'The part of iOS that handles sound. When it crashes, calls can lose their audio until the app refreshes its settings.',
    rules: ['AUDIO-1', 'AUDIO-3'],
  },
  {
    term: 'debugger',
    aliases: ['Xcode'],
    gloss: "a developer's testing tool",
    definition:
      "A tool developers attach to the app while testing. It switches off the crash and close checks, so a bug can hide in testing and show only on customers' phones.",
    rules: ['DBG-1'],
  },
  {
    term: 'launch watchdog',
    aliases: ['watchdog'],
    gloss: 'the limit on how long an app may take to start',
    definition: 'iOS closes any app that takes too long to start (about 20 seconds), whatever it was started for.',
    rules: ['LAUNCH-3'],
  },
  {
    term: 'must-report delegate',
    aliases: ['iOS 26.4 delegate'],
    gloss: 'iOS 26.4 telling the app whether it must ring',
    definition:
      'From iOS 26.4, iOS tells the app with each call notification whether it must show it. A call that arrives too late can then become a missed-call notice instead of ringing.',
    rules: ['MUST-1'],
  },
  {
    term: 'HTTP 200',
    aliases: [],
    gloss: 'success',
    definition:
      "The answer Apple's push service gives the app's server when it accepts a notification. It does not mean the phone rang, or even got it.",
    rules: ['THROTTLE-1'],
  },
  {
    term: 'Push Notifications Console',
    aliases: ['Console'],
    gloss: "Apple's delivery log for developers",
    definition:
      "Apple's web page where an app's developers can look up what Apple's push service did with a notification (delivered, stored, discarded).",
    rules: [],
  },
];

const norm = (s: string) =>
  s
    .toLowerCase()
    .replace(/[\s_-]+/g, ' ')
    .trim();
const BY_NAME = new Map<string, Term>();
for (const t of GLOSSARY) {
  for (const name of [t.term, ...t.aliases]) if (!BY_NAME.has(norm(name))) BY_NAME.set(norm(name), t);
}

/** The glossary entry for a term or one of its aliases (any case, `-`/`_`/space alike), if any. */
export function lookupTerm(name: string): Term | undefined {
  return BY_NAME.get(norm(name));
}

/** A piece of text: plain, or a glossary term as written. */
export type GlossPiece = string | { readonly text: string; readonly term: Term };

const escapeRe = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
// Terms and their distinctive aliases ("VoIP pushes", "CXProvider"), not plain words like "report" or
// "alert": marking every common word would bury the few that matter.
const MARKED = GLOSSARY.flatMap((t) => [t.term, ...t.aliases.filter((a) => /[A-Z\s(:-]/.test(a))]).sort(
  (a, b) => b.length - a.length,
);
const MARK_RE = new RegExp(`(?<![\\w.-])(${MARKED.map(escapeRe).join('|')})((?:e?s)?)(?![\\w-])`, 'g');

/**
 * Splits a sentence into plain text and the glossary terms it uses (each term as written, longest match
 * first), so a UI can wrap each term in a definition and a terminal can list them.
 */
export function markTerms(text: string): GlossPiece[] {
  const out: GlossPiece[] = [];
  let last = 0;
  for (const m of text.matchAll(MARK_RE)) {
    const term = lookupTerm(m[1]!);
    if (!term) continue;
    if (m.index > last) out.push(text.slice(last, m.index));
    out.push({ text: m[0], term });
    last = m.index + m[0].length;
  }
  if (last < text.length) out.push(text.slice(last));
  return out;
}

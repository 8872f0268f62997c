/**
 * The lines the reader recognises: one pattern per line, each naming the rule it evidences and where
 * the line comes from (a seed in ../shared/seeds/, or a public thread that quotes it). Only lines seen
 * in those sources are here; nothing is made up. A pattern is a literal `needle` (a cheap `includes`
 * test, so unrecognised lines cost little) and, where the line carries a value, a RegExp to read it.
 */
import type { ObservationKind } from './types';

/** One recognised line shape. */
export interface LogPattern {
  readonly id: string;
  readonly kind: ObservationKind;
  readonly rule: string;
  /** Where the line was seen: `seed 00N` or a public URL. */
  readonly source: string;
  /** What the line means, for people. */
  readonly means: string;
  /** A literal every matching line contains (tested first, case-sensitive). */
  readonly needle: string;
  /** Reads the value from the message; a pattern whose `read` returns undefined does not match. */
  readonly read?: (message: string) => string | number | boolean | undefined;
}

const TWILIO_152 = 'https://github.com/twilio/voice-quickstart-ios/issues/152';

function interfaceNetwork(name: string | undefined): string | undefined {
  if (!name) return undefined;
  if (name.startsWith('pdp_ip')) return 'cellular';
  if (name.startsWith('en')) return 'wifi';
  return undefined;
}

const matchOr = (re: RegExp, message: string, f: (m: RegExpExecArray) => string | number | boolean | undefined) => {
  const m = re.exec(message);
  return m ? f(m) : undefined;
};

/** The pattern table, in the order the reader tries it. */
export const LOG_PATTERNS: readonly LogPattern[] = [
  // ── apsd, powerd, CommCenter, symptomsd, kernel: the device's connection and power (seed 002) ──
  {
    id: 'apsd.path-satisfied',
    kind: 'network',
    rule: 'DEV-1',
    source: 'seed 002',
    means: "apsd's path to APNs is satisfied on an interface again: a network change, reconnection begins",
    needle: 'Path is satisfied',
    read: (m) => matchOr(/interface: ([a-z_]+\d*)/, m, (x) => interfaceNetwork(x[1])) ?? 'cellular',
  },
  {
    id: 'symptomsd.rrc',
    kind: 'context',
    rule: 'DEV-2',
    source: 'seed 002',
    means: 'the cellular radio changed RRC state (0 = idle): the phone is on cellular',
    needle: 'New RRC ',
    read: (m) => matchOr(/from ([a-z_]+\d*)/, m, (x) => interfaceNetwork(x[1])) ?? 'cellular',
  },
  {
    id: 'commcenter.registration',
    kind: 'context',
    rule: 'DEV-2',
    source: 'seed 002',
    means: 'the baseband registered with a cell (a handover): the phone is on cellular',
    needle: 'Mapping the registration state to ',
    read: () => 'cellular',
  },
  {
    id: 'apsd.assertion-activity',
    kind: 'context',
    rule: 'DEV-2',
    source: 'seed 002',
    means: 'powerd is about to change its assertion policy',
    needle: 'Powerd has requested assertion activity update',
  },
  {
    id: 'powerd.policy',
    kind: 'power',
    rule: 'DEV-2',
    source: 'seed 002',
    means: 'powerd sets the assertion policy (3 = restricted idle: apsd gives up; 0 = awake)',
    needle: 'com.apple.powerd.assertionpolicy',
    read: (m) => matchOr(/assertionpolicy (\d+)/, m, (x) => Number(x[1])),
  },
  {
    id: 'apsd.policy',
    kind: 'power',
    rule: 'DEV-2',
    source: 'seed 002',
    means: "apsd applies powerd's assertion policy",
    needle: 'Update assertion policy',
    read: (m) => matchOr(/Update assertion policy (\d+)/, m, (x) => Number(x[1])),
  },
  {
    id: 'powerd.activity',
    kind: 'context',
    rule: 'DEV-2',
    source: 'seed 002',
    means: 'powerd: user activity changed (0x0 = idle)',
    needle: 'Activity changes from ',
  },
  {
    id: 'powerd.display',
    kind: 'screen-off',
    rule: 'DEV-2',
    source: 'seed 002',
    means: 'powerd: whether the display is off',
    needle: 'displayOff:',
    read: (m) => matchOr(/displayOff:(\d)/, m, (x) => x[1] === '1'),
  },
  {
    id: 'kernel.necp-defunct',
    kind: 'context',
    rule: 'DEV-2',
    source: 'seed 002',
    means: "the kernel defuncted a suspended app's sockets (it plays no part in push delivery, PATH-1)",
    needle: 'necp_process_defunct_list',
  },
  {
    id: 'powerd.sip-incoming',
    kind: 'wake',
    rule: 'DEV-2',
    source: 'seed 002',
    means: 'an incoming carrier call wakes the phone',
    needle: 'com.apple.ipTelephony.sipIncoming',
    read: () => 'cellular-call',
  },
  {
    id: 'apsd.policy-state',
    kind: 'locked',
    rule: 'DEV-2',
    source: 'seed 002',
    means: "apsd's policy state: whether the phone is locked",
    needle: 'isSystemLocked:',
    read: (m) => matchOr(/isSystemLocked: (YES|NO)/, m, (x) => x[1] === 'YES'),
  },
  {
    id: 'apsd.connection-closed-wwan',
    kind: 'apsd-lost',
    rule: 'DEV-1',
    source: 'seed 002 (quoted in the post, not as a full line)',
    means: "apsd's connection over cellular closed with no Wi-Fi to fail over to",
    needle: 'Connection closed WWAN',
  },
  {
    id: 'apsd.outstanding-data',
    kind: 'context',
    rule: 'APNS-1',
    source: TWILIO_152,
    means: 'apsd received data from APNs on its connection (it is up), on Wi-Fi (NonCellular) or cellular',
    needle: 'Outstanding data received',
    read: (m) => matchOr(/onInterface: (NonCellular|Cellular)/, m, (x) => (x[1] === 'Cellular' ? 'cellular' : 'wifi')),
  },
  // ── a push reaching the phone and the app (seeds 002, 003) ──
  {
    id: 'apsd.enabled-topic',
    kind: 'push-arrived',
    rule: 'PATH-1',
    source: 'seed 002 (quoted in the post, not as a full line)',
    means: 'apsd received a push for an enabled topic',
    needle: 'Received message for enabled topic',
  },
  {
    id: 'callservicesd.aps-message',
    kind: 'push-arrived',
    rule: 'PATH-1',
    source: 'seed 003',
    means: 'callservicesd received a VoIP push from apsd for an app',
    needle: 'Received incoming APS message from application',
  },
  {
    id: 'callservicesd.launched',
    kind: 'app-launched',
    rule: 'LAUNCH-1',
    source: 'seed 003',
    means: 'callservicesd launched the app (it was not running) to hand it the push',
    needle: 'Successfully launched application',
  },
  {
    id: 'callservicesd.delivering',
    kind: 'payload-delivered',
    rule: 'KILL-1',
    source: 'seed 003',
    means: "callservicesd hands the push to the app: KILL-1's ~7 s check starts",
    needle: 'VoIP payload(s) to application',
  },
  {
    id: 'callkit.configuration-set',
    kind: 'set-configuration',
    rule: 'AUDIO-2',
    source: 'seed 003',
    means: 'the app called setConfiguration on its CXProvider',
    needle: 'was notified that configuration was set',
  },
  {
    id: 'callkit.registering-configuration',
    kind: 'set-configuration',
    rule: 'AUDIO-2',
    source: 'seed 003',
    means: 'CallKit registers the new provider configuration',
    needle: 'Registering configuration',
  },
  {
    id: 'callservicesd.register-configuration',
    kind: 'set-configuration',
    rule: 'AUDIO-2',
    source: 'seed 003',
    means: 'callservicesd received the configuration (with its audio session ID)',
    needle: 'registerWithConfiguration:]',
  },
  {
    id: 'callkit.report',
    kind: 'report',
    rule: 'PK-1',
    source: 'seed 003',
    means: 'the app reported a new incoming call (reportNewIncomingCall)',
    needle: 'was asked to report a new incoming call',
  },
  {
    id: 'callservicesd.report',
    kind: 'report',
    rule: 'PK-1',
    source: 'seed 003',
    means: "callservicesd received the app's incoming-call report",
    needle: 'reportNewIncomingCallWithUUID:update:reply:]',
  },
  // ── failures: PushKit's crash, callservicesd's kill, the throttle (seed 000, RULES.md, public threads) ──
  {
    id: 'pushkit.crash',
    kind: 'crash',
    rule: 'PK-1',
    source:
      'seed 000; https://github.com/react-native-webrtc/react-native-callkeep/issues/664 ("…VoIP push."), https://github.com/BelledonneCommunications/linphone-iphone/issues/669 ("…VoIP push callback")',
    means: 'PushKit crashed the app: its handler returned without reporting a call',
    needle: 'never posted an incoming call to the system after receiving a PushKit VoIP push',
  },
  {
    id: 'pushkit.crash-ios13',
    kind: 'crash',
    rule: 'PK-1',
    source: 'RULES.md PK-1 (the iOS 13 wording, seed 000)',
    means: "PushKit's crash as iOS 13 words it",
    needle: 'must post an incoming call (via CallKit or IncomingCallNotifications)',
  },
  {
    id: 'pushkit.crash-backtrace',
    kind: 'crash',
    rule: 'PK-1',
    source: 'RULES.md PK-1 (the backtrace frame, seed 000)',
    means: "PushKit's crash, seen in the backtrace",
    needle: '_terminateAppIfThereAreUnhandledVoIPPushes',
  },
  {
    id: 'callservicesd.kill',
    kind: 'kill',
    rule: 'KILL-1',
    source:
      'seed 000; https://github.com/firebase/firebase-ios-sdk/issues/13514 ("Termination Reason: FRONTBOARD 0xbaadca11")',
    means: 'callservicesd killed the app: no call reported ~7 s after the push was handed over',
    needle: '0xbaadca11',
  },
  {
    id: 'callservicesd.throttle',
    kind: 'throttled',
    rule: 'THROTTLE-1',
    source:
      'seed 000 (RULES.md THROTTLE-1); https://github.com/react-native-webrtc/react-native-voip-push-notification/issues/102 ("Application <private> will not be launched…")',
    means: 'VoIP delivery to the app is blocked: too many reporting failures',
    needle: 'failed to report an incoming call too many times',
  },
  // ── the call's audio (seed 003) ──
  {
    id: 'audio.null-session',
    kind: 'null-session',
    rule: 'AUDIO-1',
    source: 'seed 003',
    means: 'callservicesd holds a null (0x0) audio session ID for the app: CallKit cannot activate audio',
    needle: 'Creating proxy session failed, session ID = 0x0',
  },
  {
    id: 'audio.activated',
    kind: 'audio-activated',
    rule: 'AUDIO-5',
    source: 'seed 003',
    means: 'the app activated its audio session itself (setActive), not through CallKit',
    needle: 'Activated session 0x',
  },
  {
    id: 'callservicesd.call-foreground',
    kind: 'call-foreground',
    rule: 'CALL-1',
    source: 'seed 003',
    means: 'the call came to the foreground (read as: answered)',
    needle: 'Entered foreground for call',
  },
  {
    id: 'callservicesd.assertion-timeout',
    kind: 'context',
    rule: 'DEV-4',
    source: TWILIO_152,
    means: "the app's background time after a push ran out (it will be suspended)",
    needle: 'Invalidating process assertion for bundle ID',
  },
];

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
  /**
   * A whole line (or multi-line entry) this pattern recognises, for the listing
   * (`ringside import --patterns`) and its test: each example, read alone, is recognised by its own
   * pattern and by no earlier one.
   */
  readonly example: string;
  /**
   * `verbatim`: copied from the source (a seed; public threads are cited for a line's shape only, never
   * copied). `synthetic`: made for this table in the format the source shows, its wording from the source.
   */
  readonly exampleIs: 'verbatim' | 'synthetic';
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
    exampleIs: 'verbatim',
    example:
      '17:46:01.330  apsd  [C138 IPv4#b71cac13:5223 ready parent-flow\n                    (satisfied (Path is satisfied), interface: pdp_ip0[lte],\n                    scoped, ipv4, ipv6, dns, expensive, uses cell, LQM: good)]\n                    event: path:satisfied_change @594.391s',
    needle: 'Path is satisfied',
    read: (m) => matchOr(/interface: ([a-z_]+\d*)/, m, (x) => interfaceNetwork(x[1])) ?? 'cellular',
  },
  {
    id: 'symptomsd.rrc',
    kind: 'context',
    rule: 'DEV-2',
    source: 'seed 002',
    means: 'the cellular radio changed RRC state (0 = idle): the phone is on cellular',
    exampleIs: 'verbatim',
    example: '17:45:59.562  symptomsd  New RRC 0 when previous 1 from pdp_ip0',
    needle: 'New RRC ',
    read: (m) => matchOr(/from ([a-z_]+\d*)/, m, (x) => interfaceNetwork(x[1])) ?? 'cellular',
  },
  {
    id: 'commcenter.registration',
    kind: 'context',
    rule: 'DEV-2',
    source: 'seed 002',
    means: 'the baseband registered with a cell (a handover): the phone is on cellular',
    exampleIs: 'verbatim',
    example: '17:46:01.206  CommCenter  #I Mapping the registration state to kRegisteredHome',
    needle: 'Mapping the registration state to ',
    read: () => 'cellular',
  },
  {
    id: 'apsd.assertion-activity',
    kind: 'context',
    rule: 'DEV-2',
    source: 'seed 002',
    means: 'powerd is about to change its assertion policy',
    exampleIs: 'verbatim',
    example: '17:48:08.057  apsd  Powerd has requested assertion activity update',
    needle: 'Powerd has requested assertion activity update',
  },
  {
    id: 'powerd.policy',
    kind: 'power',
    rule: 'DEV-2',
    source: 'seed 002',
    means: 'powerd sets the assertion policy (3 = restricted idle: apsd gives up; 0 = awake)',
    exampleIs: 'verbatim',
    example: '17:48:41.248  powerd  Sending com.apple.powerd.assertionpolicy 3',
    needle: 'com.apple.powerd.assertionpolicy',
    read: (m) => matchOr(/assertionpolicy (\d+)/, m, (x) => Number(x[1])),
  },
  {
    id: 'apsd.policy',
    kind: 'power',
    rule: 'DEV-2',
    source: 'seed 002',
    means: "apsd applies powerd's assertion policy",
    exampleIs: 'verbatim',
    example: '17:48:41.250  apsd    Update assertion policy 3',
    needle: 'Update assertion policy',
    read: (m) => matchOr(/Update assertion policy (\d+)/, m, (x) => Number(x[1])),
  },
  {
    id: 'powerd.activity',
    kind: 'context',
    rule: 'DEV-2',
    source: 'seed 002',
    means: 'powerd: user activity changed (0x0 = idle)',
    exampleIs: 'verbatim',
    example: '17:48:41.250  powerd  Activity changes from 0x1 to 0x0. UseActiveState:0',
    needle: 'Activity changes from ',
  },
  {
    id: 'powerd.display',
    kind: 'screen-off',
    rule: 'DEV-2',
    source: 'seed 002',
    means: 'powerd: whether the display is off',
    exampleIs: 'verbatim',
    example: '17:48:41.250  powerd  hidActive:0 displayOff:1 assertionActivityValid:0',
    needle: 'displayOff:',
    read: (m) => matchOr(/displayOff:(\d)/, m, (x) => x[1] === '1'),
  },
  {
    id: 'kernel.necp-defunct',
    kind: 'context',
    rule: 'DEV-2',
    source: 'seed 002',
    means: "the kernel defuncted a suspended app's sockets (it plays no part in push delivery, PATH-1)",
    exampleIs: 'verbatim',
    example:
      '17:48:42.669  kernel  necp_process_defunct_list: necp_update_client abort\n                      nexus error (2) for pid 1518 Comera',
    needle: 'necp_process_defunct_list',
  },
  {
    id: 'powerd.sip-incoming',
    kind: 'wake',
    rule: 'DEV-2',
    source: 'seed 002',
    means: 'an incoming carrier call wakes the phone',
    exampleIs: 'verbatim',
    example:
      '17:50:04.028  powerd  Process CommCenter.104 Created SystemIsActive\n                      "com.apple.ipTelephony.sipIncoming.cell"',
    needle: 'com.apple.ipTelephony.sipIncoming',
    read: () => 'cellular-call',
  },
  {
    id: 'apsd.policy-state',
    kind: 'locked',
    rule: 'DEV-2',
    source: 'seed 002',
    means: "apsd's policy state: whether the phone is locked",
    exampleIs: 'synthetic',
    example:
      '19:20:00.000  apsd  policy state {downgradeWhenLocked: NO,\n                               isSystemLocked: NO,\n                               isConnectedOnUltraConstrainedInterface: NO}',
    needle: 'isSystemLocked:',
    read: (m) => matchOr(/isSystemLocked: (YES|NO)/, m, (x) => x[1] === 'YES'),
  },
  {
    id: 'apsd.connection-closed-wwan',
    kind: 'apsd-lost',
    rule: 'DEV-1',
    source: 'seed 002 (quoted in the post, not as a full line)',
    means: "apsd's connection over cellular closed with no Wi-Fi to fail over to",
    exampleIs: 'synthetic',
    example: '17:47:12.000  apsd  Connection closed WWAN isWWANUsable YES isWiFiUsable NO',
    needle: 'Connection closed WWAN',
  },
  {
    id: 'apsd.outstanding-data',
    kind: 'context',
    rule: 'APNS-1',
    source: TWILIO_152,
    means: 'apsd received data from APNs on its connection (it is up), on Wi-Fi (NonCellular) or cellular',
    exampleIs: 'synthetic',
    example:
      'default\t23:59:59.900000 +0530\tapsd\t<private>: Outstanding data received: <private> (length 410) onInterface: NonCellular. Connected on 1 interfaces.',
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
    exampleIs: 'synthetic',
    example: '17:50:04.600  apsd  Received message for enabled topic <private>',
    needle: 'Received message for enabled topic',
  },
  {
    id: 'callservicesd.aps-message',
    kind: 'push-arrived',
    rule: 'PATH-1',
    source: 'seed 003',
    means: 'callservicesd received a VoIP push from apsd for an app',
    exampleIs: 'verbatim',
    example:
      '2025-10-28 18:27:47.401604 callservicesd: [com.apple.calls.callservicesd:Default] Received incoming APS message from application with bundle identifier <private> and topic <private>',
    needle: 'Received incoming APS message from application',
  },
  {
    id: 'callservicesd.launched',
    kind: 'app-launched',
    rule: 'LAUNCH-1',
    source: 'seed 003',
    means: 'callservicesd launched the app (it was not running) to hand it the push',
    exampleIs: 'verbatim',
    example:
      '2025-10-28 18:27:47.454707 callservicesd: [com.apple.calls.callservicesd:Default] Successfully launched application with bundle identifier <private>',
    needle: 'Successfully launched application',
  },
  {
    id: 'callservicesd.delivering',
    kind: 'payload-delivered',
    rule: 'KILL-1',
    source: 'seed 003',
    means: "callservicesd hands the push to the app: KILL-1's ~7 s check starts",
    exampleIs: 'verbatim',
    example:
      '2025-10-28 18:27:47.459960 callservicesd: [com.apple.calls.callservicesd:Default] Delivering 1 VoIP payload(s) to application <private>',
    needle: 'VoIP payload(s) to application',
  },
  {
    id: 'callkit.configuration-set',
    kind: 'set-configuration',
    rule: 'AUDIO-2',
    source: 'seed 003',
    means: 'the app called setConfiguration on its CXProvider',
    exampleIs: 'verbatim',
    example:
      '2025-10-28 18:27:47.476283 <app>: (CallKit) [com.apple.calls.callkit:Default] Provider <private> was notified that configuration was set to <private>',
    needle: 'was notified that configuration was set',
  },
  {
    id: 'callkit.registering-configuration',
    kind: 'set-configuration',
    rule: 'AUDIO-2',
    source: 'seed 003',
    means: 'CallKit registers the new provider configuration',
    exampleIs: 'verbatim',
    example:
      '2025-10-28 18:27:47.476350 <app>: (CallKit) [com.apple.calls.callkit:Default] Registering configuration <private>',
    needle: 'Registering configuration',
  },
  {
    id: 'callservicesd.register-configuration',
    kind: 'set-configuration',
    rule: 'AUDIO-2',
    source: 'seed 003',
    means: 'callservicesd received the configuration (with its audio session ID)',
    exampleIs: 'verbatim',
    example:
      '2025-10-28 18:27:47.477213 callservicesd: (CallKit) [com.apple.calls.callkit:Default] Received -[CXCallSource registerWithConfiguration:] with configuration: <private>',
    needle: 'registerWithConfiguration:]',
  },
  {
    id: 'callkit.report',
    kind: 'report',
    rule: 'PK-1',
    source: 'seed 003',
    means: 'the app reported a new incoming call (reportNewIncomingCall)',
    exampleIs: 'verbatim',
    example:
      '2025-10-23 16:00:39.916170+1100 <exec>: (CallKit) [com.apple.calls.callkit:Default] Provider <private> was asked to report a new incoming call with UUID: <private> update: <private>',
    needle: 'was asked to report a new incoming call',
  },
  {
    id: 'callservicesd.report',
    kind: 'report',
    rule: 'PK-1',
    source: 'seed 003',
    means: "callservicesd received the app's incoming-call report",
    exampleIs: 'verbatim',
    example:
      '2025-10-28 18:27:47.478814 callservicesd: (CallKit) [com.apple.calls.callkit:Default] Received -[CXCallSource reportNewIncomingCallWithUUID:update:reply:] with UUID: <private> update: <private>',
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
    exampleIs: 'synthetic',
    example:
      "2026-03-02 09:20:00.081300 MyVoIP: (PushKit) *** Terminating app due to uncaught exception 'NSInternalInconsistencyException', reason: 'Killing app because it never posted an incoming call to the system after receiving a PushKit VoIP push callback.'",
    needle: 'never posted an incoming call to the system after receiving a PushKit VoIP push',
  },
  {
    id: 'pushkit.crash-ios13',
    kind: 'crash',
    rule: 'PK-1',
    source: 'RULES.md PK-1 (the iOS 13 wording, seed 000)',
    means: "PushKit's crash as iOS 13 words it",
    exampleIs: 'synthetic',
    example:
      "2026-03-02 09:20:00.081300 MyVoIP: (PushKit) *** Terminating app due to uncaught exception 'NSInternalInconsistencyException', reason: 'Apps receiving VoIP pushes must post an incoming call (via CallKit or IncomingCallNotifications) in the same run loop as pushRegistry:didReceiveIncomingPushWithPayload:forType:[withCompletionHandler:] without delay.'",
    needle: 'must post an incoming call (via CallKit or IncomingCallNotifications)',
  },
  {
    id: 'pushkit.crash-backtrace',
    kind: 'crash',
    rule: 'PK-1',
    source: 'RULES.md PK-1 (the backtrace frame, seed 000)',
    means: "PushKit's crash, seen in the backtrace",
    exampleIs: 'synthetic',
    example:
      '2026-03-02 09:20:00.081400 MyVoIP: (PushKit) 0   PushKit   -[PKPushRegistry _terminateAppIfThereAreUnhandledVoIPPushes] + 412',
    needle: '_terminateAppIfThereAreUnhandledVoIPPushes',
  },
  {
    id: 'callservicesd.kill',
    kind: 'kill',
    rule: 'KILL-1',
    source:
      'seed 000; https://github.com/firebase/firebase-ios-sdk/issues/13514 ("Termination Reason: FRONTBOARD 0xbaadca11")',
    means: 'callservicesd killed the app: no call reported ~7 s after the push was handed over',
    exampleIs: 'synthetic',
    example:
      '2026-03-02 09:14:13.175880+0100 callservicesd: [com.apple.calls.callservicesd:Default] Termination Reason: FRONTBOARD 0xbaadca11',
    needle: '0xbaadca11',
  },
  {
    id: 'callservicesd.throttle',
    kind: 'throttled',
    rule: 'THROTTLE-1',
    source:
      'seed 000 (RULES.md THROTTLE-1); https://github.com/react-native-webrtc/react-native-voip-push-notification/issues/102 ("Application <private> will not be launched…")',
    means: 'VoIP delivery to the app is blocked: too many reporting failures',
    exampleIs: 'synthetic',
    example:
      'default\t11:05:00.101000 +0530\tcallservicesd\tApplication <private> will not be launched because it failed to report an incoming call too many times (or repeatedly crashed.)',
    needle: 'failed to report an incoming call too many times',
  },
  // ── the call's audio (seed 003) ──
  {
    id: 'audio.null-session',
    kind: 'null-session',
    rule: 'AUDIO-1',
    source: 'seed 003',
    means: 'callservicesd holds a null (0x0) audio session ID for the app: CallKit cannot activate audio',
    exampleIs: 'verbatim',
    example:
      '2025-10-23 16:01:52.259438+1100 callservicesd: (AudioSession) [com.apple.coreaudio:as_client]     AVAudioSession_iOS.mm:597   Creating proxy session failed, session ID = 0x0, error = <NSError:0x60000071c03da10(NSOSStatusErrorDomain:-50) - {\n    NSLocalizedDescription = "Session lookup failed";\n}>',
    needle: 'Creating proxy session failed, session ID = 0x0',
  },
  {
    id: 'audio.activated',
    kind: 'audio-activated',
    rule: 'AUDIO-5',
    source: 'seed 003',
    means: 'the app activated its audio session itself (setActive), not through CallKit',
    exampleIs: 'verbatim',
    example:
      '2025-10-23 16:01:17.244642+1100 Glip: (AudioSession) [com.apple.coreaudio:as_client]     AVAudioSession_iOS.mm:984   Activated session 0xd387b18',
    needle: 'Activated session 0x',
  },
  {
    id: 'callservicesd.call-foreground',
    kind: 'call-foreground',
    rule: 'CALL-1',
    source: 'seed 003',
    means: 'the call came to the foreground (read as: answered)',
    exampleIs: 'verbatim',
    example:
      '2025-10-23 16:01:07.946140+1100 callservicesd: [com.apple.calls.callservicesd:Default] Entered foreground for call with identifier <private>',
    needle: 'Entered foreground for call',
  },
  {
    id: 'callservicesd.assertion-timeout',
    kind: 'context',
    rule: 'DEV-4',
    source: TWILIO_152,
    means: "the app's background time after a push ran out (it will be suspended)",
    exampleIs: 'synthetic',
    example:
      'default\t00:00:31.000000 +0530\tcallservicesd\tInvalidating process assertion for bundle ID <private> from timeout',
    needle: 'Invalidating process assertion for bundle ID',
  },
];

/**
 * The rules APNs decides: one describe per rule ID of RULES.md (PATH-2, PATH-4, APNS-1, APNS-2, APNS-3, APNS-4).
 * machines/test/coverage.test.ts checks that every rule has one somewhere under actors/. Each test pairs the
 * rule's case with a contrast that differs only where the rule bites, so a broken rule fails here.
 */
import { describe, expect, it } from 'vitest';
import { cancel, given, network, push } from '../../test/harness';

describe('PATH-2', () => {
  it('an alert push travels like a VoIP push: forwarded at once, delivered', () => {
    const run = given()
      .at('0s', push('voip-1'), push('alert-1', { kind: 'alert' }))
      .run();
    expect(run.push('alert-1').deliveredAt).toBe(run.push('voip-1').deliveredAt);
    expect(run.fate('alert-1')).toBe('delivered');
    expect(run.rules('alert-1')).toContain('PATH-2');
  });
});

describe('PATH-4', () => {
  it('latency is 100 ms on Wi-Fi and 300 ms on cellular by default', () => {
    expect(given().at('0s', push('c')).run().push('c').deliveredAt).toBe(100);
    expect(
      given({ device: { network: 'cellular' } })
        .at('0s', push('c'))
        .run()
        .push('c').deliveredAt,
    ).toBe(300);
  });
  it('follows the params', () => {
    const run = given({ params: { latencyWifi: '250ms' } })
      .at('1s', push('c'))
      .run();
    expect(run.push('c').deliveredAt).toBe(1250);
  });
});

describe('APNS-1', () => {
  it('a push to a connected device is forwarded at once', () => {
    const run = given().at('5s', push('c')).run();
    expect(run.push('c').deliveredAt).toBe(5100);
    expect(run.rules('c')[0]).toBe('APNS-1');
  });
});

describe('APNS-2', () => {
  it('during dead-peer detection a push is held and delivered on reconnect, even with expiration 0', () => {
    const run = given()
      .at('-30s', network('offline'))
      .at('0s', push('c', { expiration: 0 }))
      .at('25s', network('wifi'))
      .run();
    expect(run.fate('c')).toBe('rang');
    expect(run.push('c').deliveredAt).toBe(27_000);
    expect(run.rules('c')).toContain('APNS-2');
  });
  it('once detection has fired, the same push is discarded instead', () => {
    const run = given({ params: { apnsDeadPeerDetection: '20s' } })
      .at('-30s', network('offline'))
      .at('0s', push('c', { expiration: 0 }))
      .at('25s', network('wifi'))
      .run();
    expect(run.fate('c')).toBe('expired');
  });
  it('held pushes of one topic keep only the last (five pushes in airplane mode → one delivered)', () => {
    const b = given({ duration: '5m' }).at('0s', network('offline'));
    for (let i = 1; i <= 5; i++) b.at(`${i * 30}s`, push(`c${i}`));
    const run = b.at('3m', network('wifi')).run();
    expect(run.fates()).toEqual({ c1: 'superseded', c2: 'superseded', c3: 'superseded', c4: 'superseded', c5: 'rang' });
  });
});

describe('APNS-3', () => {
  const offlineLongAgo = () => given({ duration: '2h' }).at('-10m', network('offline'));
  it('expiration 0 to a device APNs knows is offline: discarded', () => {
    const run = offlineLongAgo()
      .at('0s', push('c', { expiration: 0 }))
      .at('30s', network('wifi'))
      .run();
    expect(run.fate('c')).toBe('expired');
    expect(run.push('c').deliveredAt).toBeUndefined();
  });
  it('a future expiration is stored and delivered when the device returns in time', () => {
    const run = offlineLongAgo()
      .at('0s', push('c', { expiration: '1h' }))
      .at('30s', network('wifi'))
      .run();
    expect(run.fate('c')).toBe('rang');
    expect(run.push('c').deliveredAt).toBe(32_000);
  });
  it('and discarded when it expires first', () => {
    const run = offlineLongAgo()
      .at('0s', push('c', { expiration: '1m' }))
      .at('90s', network('wifi'))
      .run();
    expect(run.fate('c')).toBe('expired');
  });
});

describe('APNS-4', () => {
  it('a newer push to the same topic replaces the waiting one', () => {
    const run = given({ duration: '2h' })
      .at('-10m', network('offline'))
      .at('0s', push('c1', { expiration: '1h' }))
      .at('5s', push('c2', { expiration: '1h' }))
      .at('30s', network('wifi'))
      .run();
    expect(run.fate('c1')).toBe('superseded');
    expect(run.fate('c2')).toBe('rang');
  });
  it('a regular cancellation does not replace a waiting VoIP push: both are delivered', () => {
    const run = given()
      .at('-30s', network('offline'))
      .at('0s', push('call-1'))
      .at('5s', cancel('call-1', 'alert'))
      .at('25s', network('wifi'))
      .run();
    expect(run.fate('call-1')).toBe('stale');
    expect(run.fate('cancel-call-1')).toBe('delivered');
  });
});

import { memo } from 'react';
import type { WorldState } from '../../machines';
import { formatTime } from '../state/view/labels';

function Row(props: { label: string; value: string; hint?: string }) {
  return (
    <div className="kv">
      <dt>{props.label}</dt>
      <dd title={props.hint}>{props.value}</dd>
    </div>
  );
}

export const StatePanel = memo(function StatePanel(props: {
  state: WorldState;
  /** The whole run's strikes and whether it was throttled: what "expect N strikes" would expect. */
  totals?: { readonly strikes: number; readonly throttled: boolean };
  onExpect?: (e: { strikes: number } | { throttled: boolean }) => void;
}) {
  const { totals, onExpect } = props;
  const { apns, device, callServices: cs, app, callKit } = props.state;
  const budget = cs.strikeBudget;
  return (
    // A Tab stop: the panel scrolls when it is short (beside a comparison), and nothing in it takes focus.
    <section className="panel state" aria-label="State at playhead" tabIndex={0}>
      <h2>State at {formatTime(props.state.t)}</h2>
      <div className="state-grid">
        <div className="state-group">
          <h3>APNs</h3>
          <dl>
            <Row label="thinks phone is" value={apns.believesConnected ? 'connected' : 'offline'} />
            <Row
              label="waiting"
              value={apns.waiting.length ? apns.waiting.map((w) => `${w.id} (${w.how})`).join(', ') : 'nothing'}
            />
          </dl>
        </div>
        <div className="state-group">
          <h3>Phone</h3>
          <dl>
            <Row label="network" value={device.network} />
            <Row label="apsd" value={device.apsd} />
            <Row label="powerd" value={device.powerPolicy === 3 ? 'policy 3 (restricted)' : 'policy 0'} />
            <Row label="screen" value={device.locked ? 'locked' : 'unlocked'} />
            {device.natDropped && <Row label="NAT" value="WAN dropped" />}
          </dl>
        </div>
        <div className="state-group">
          <h3>callservicesd</h3>
          <dl>
            <Row
              label="sees app"
              value={`${cs.seesForeground ? 'foreground' : 'not foreground'}${cs.seesOnCall ? ', on a call' : ''}`}
            />
            <Row
              label="deadlines"
              value={
                cs.deadlines.length
                  ? cs.deadlines.map((d) => `${d.push} in ${formatTime(d.due - props.state.t)}`).join(', ')
                  : 'none'
              }
            />
          </dl>
          <div
            className="meter"
            role="meter"
            aria-label="strike budget"
            aria-valuemin={0}
            aria-valuemax={cs.throttleFailures}
            aria-valuenow={cs.strikesInWindow}
          >
            <div
              className="meter-fill"
              style={{ width: `${Math.min(100, (cs.strikesInWindow / cs.throttleFailures) * 100)}%` }}
            />
            <span>{cs.throttled ? `throttled — ${budget}` : budget}</span>
          </div>
          {totals && onExpect && (
            // The meter counts the strikes in the window at the playhead; an expectation is about the whole run.
            <div className="expect-adds" aria-label="Expect from the strike meter">
              <button
                type="button"
                title="Adds “strikes = N” (every strike in the run) to the scenario's expectations"
                onClick={() => onExpect({ strikes: totals.strikes })}
              >
                Expect {totals.strikes} {totals.strikes === 1 ? 'strike' : 'strikes'}
              </button>
              <button
                type="button"
                title="Adds whether the run was throttled to the scenario's expectations"
                onClick={() => onExpect({ throttled: totals.throttled })}
              >
                Expect {totals.throttled ? 'throttled' : 'not throttled'}
              </button>
            </div>
          )}
        </div>
        <div className="state-group">
          <h3>App</h3>
          <dl>
            <Row label="state" value={app.state} />
            <Row
              label="believes"
              value={`${app.believesForeground ? 'foreground' : 'background'}${app.believesOnCall ? ', on a call' : ''}`}
              hint="The app's own view lags the system's (EXEMPT-1)"
            />
            {app.handling && <Row label="handling" value={app.handling} />}
            {app.debuggerAttached && <Row label="debugger" value="attached (DBG-1)" />}
          </dl>
        </div>
        <div className="state-group">
          <h3>CallKit</h3>
          <dl>
            <Row
              label="calls"
              value={
                callKit.calls.length
                  ? callKit.calls.map((c) => `${c.push} ${c.status}${c.audio ? ` (${c.audio})` : ''}`).join(', ')
                  : 'none'
              }
            />
            <Row label="audio session" value={callKit.audioSession === 'valid' ? 'valid' : 'null ID (AUDIO-1)'} />
          </dl>
        </div>
      </div>
    </section>
  );
});

import { usesMustReport, type SimEnv } from '../env';
import type { CallRef, Delivery } from '../events';

/** What the app's PushKit handler does with one VoIP push. */
export type HandlerDecision =
  | {
      readonly action: 'report';
      readonly uuid: string;
      /** Push whose call's UUID is reused (EXEMPT-2). */
      readonly reuses?: string;
      readonly thenEnd: boolean;
      readonly because: 'normal' | 'foreground' | 'on-call';
    }
  | { readonly action: 'skip'; readonly because: 'foreground' | 'on-call' | 'never' }
  | { readonly action: 'missed' };

/** The app's own beliefs when its handler starts; they may lag callservicesd's (EXEMPT-1). */
export interface AppBeliefs {
  readonly foreground: boolean;
  readonly calls: readonly CallRef[];
}

/**
 * Decides what the handler does, from the scenario's `app` behaviour and what the app believes — or,
 * when it adopted the iOS 26.4 delegate (MUST-1), from what the system told it.
 */
export function decideHandler(env: SimEnv, delivery: Delivery, beliefs: AppBeliefs): HandlerDecision {
  const app = env.scenario.app;
  const report = (because: 'normal' | 'foreground' | 'on-call', thenEnd = false): HandlerDecision =>
    app.report.mode === 'never'
      ? { action: 'skip', because: 'never' }
      : { action: 'report', uuid: `uuid-${delivery.push}`, thenEnd, because };

  const foregroundPolicy = (): HandlerDecision =>
    app.foreground === 'skip'
      ? { action: 'skip', because: 'foreground' }
      : report('foreground', app.foreground === 'report-then-end');

  const onCallPolicy = (): HandlerDecision => {
    if (app.onCall === 'skip') return { action: 'skip', because: 'on-call' };
    const existing = beliefs.calls[0];
    if (app.onCall === 'reuse-uuid' && existing) {
      if (app.report.mode === 'never') return { action: 'skip', because: 'never' };
      return { action: 'report', uuid: existing.uuid, reuses: existing.push, thenEnd: false, because: 'on-call' };
    }
    return report('on-call');
  };

  if (usesMustReport(env)) {
    // MUST-1: the app reports exactly when told it must, whatever it believes about itself.
    if (delivery.enforced) return report('normal');
    if (delivery.exemption === 'late') return { action: 'missed' };
    if (delivery.exemption === 'foreground') return foregroundPolicy();
    if (delivery.exemption === 'on-call') return onCallPolicy();
  }
  if (beliefs.calls.length > 0) return onCallPolicy();
  if (beliefs.foreground) return foregroundPolicy();
  return report('normal');
}

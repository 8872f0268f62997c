import { Component, lazy, Suspense, useEffect, type ComponentType, type ReactNode } from 'react';

// Views the first screen does not show: each opens on a user's action (Present, Rules, a comparison)
// and is a chunk of its own, which the first screen need not parse. preloadViews fetches them once the
// first screen is up (from the app's own files in Electron, from the server on the web).

type Loaded<P> = { default: ComponentType<P> };

/**
 * React.lazy, and a preload of its chunk. Once the chunk is here the view renders at once, as if it
 * were not lazy: given a promise React.lazy would suspend on the view's first render even so (a promise
 * calls back only after the render), and keys pressed right after present mode opens would find no one
 * listening.
 */
function lazyView<P extends object>(load: () => Promise<ComponentType<P>>) {
  let loaded: Loaded<P> | undefined;
  let loading: Promise<Loaded<P>> | undefined;
  const preload = () => (loading ??= load().then((view) => (loaded = { default: view })));
  // A thenable that calls back at once, which React.lazy takes without suspending.
  const here = (view: Loaded<P>) =>
    ({ then: (resolve: (v: Loaded<P>) => void) => resolve(view) }) as PromiseLike<Loaded<P>> as Promise<Loaded<P>>;
  return { View: lazy(() => (loaded ? here(loaded) : preload())), preload };
}

const present = lazyView(() => import('./components/PresentMode').then((m) => m.PresentMode));
const library = lazyView(() => import('./components/RuleLibrary').then((m) => m.RuleLibrary));
const compare = lazyView(() => import('./components/ComparePanel').then((m) => m.ComparePanel));

export const PresentMode = present.View;
export const RuleLibrary = library.View;
export const ComparePanel = compare.View;

/** Fetches the views' chunks; a chunk that cannot be had is reported when its view is opened. */
function preloadViews(): void {
  for (const view of [present, library, compare]) view.preload().catch(() => undefined);
}

/** The views opened on a user's action load once the first screen is up, so that they open at once. */
export function usePreloadViews(): void {
  useEffect(() => {
    if (!('requestIdleCallback' in window)) {
      const timer = setTimeout(preloadViews, 500);
      return () => clearTimeout(timer);
    }
    const idle = window.requestIdleCallback(preloadViews, { timeout: 2_000 });
    return () => window.cancelIdleCallback(idle);
  }, []);
}

class LoadBoundary extends Component<{ onError: (error: Error) => void; children: ReactNode }, { failed: boolean }> {
  override state = { failed: false };

  static getDerivedStateFromError(): { failed: boolean } {
    return { failed: true };
  }

  override componentDidCatch(error: Error): void {
    this.props.onError(error);
  }

  override render(): ReactNode {
    return this.state.failed ? null : this.props.children;
  }
}

/**
 * A lazily loaded view: `fallback` while its chunk loads (an empty frame of the view, so that nothing
 * around it moves); if the chunk cannot be had (a web page left open across a new deploy, say), `onError`
 * and nothing, instead of React unmounting the whole app.
 */
export function Deferred(props: { fallback: ReactNode; onError: (error: Error) => void; children: ReactNode }) {
  return (
    <LoadBoundary onError={props.onError}>
      <Suspense fallback={props.fallback}>{props.children}</Suspense>
    </LoadBoundary>
  );
}

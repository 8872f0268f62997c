import { useMemo } from 'react';
import type { ExpectationResult, LaneId, Scenario, ScenarioFile } from '../../machines';
import { sweepSendTimes, sweepStep, whatWouldHaveSaved } from '../../machines';
import { FatesPanel } from '../components/FatesPanel';
import { Inspector } from '../components/Inspector';
import { StatePanel } from '../components/StatePanel';
import { Timeline } from '../components/Timeline';
import { WhyPanel } from '../components/WhyPanel';
import { RealityPanel } from '../components/RealityPanel';
import { ExpectationsPanel } from '../components/ExpectationsPanel';
import { applyChange, sendAt } from '../state/document/counterfactuals';
import type { ExpectationFile } from '../state/document/edits';
import type { EvidenceLine } from '../state/view/reality';
import { ComparePanel, Deferred } from '../lazyViews';
import { useWorldState, type SimulationView } from '../state/bridges/simulation';
import type { DocEdit } from '../state/document/docEdits';
import type { EditorContext, View } from '../state/document/editorMachine';
import { writtenForOriginal } from '../state/document/origin';
import { useHandlers } from '../state/view/useHandlers';
import type { useCompare } from './useCompare';
import type { Send } from './useEditor';

const NONE: readonly number[] = [];
const NO_EXPECTATIONS: readonly ExpectationResult[] = [];
const ignore = () => undefined;

/**
 * The timeline (and the variant's, comparing), the fates, differences and state panels under it, and
 * beside them the Why panel and the inspector.
 */
export function Workspace(props: {
  /** The context drawn: the editor's, or while another document opens, the one on screen (`shownDocument`). */
  context: EditorContext;
  /** Another document is being opened: this one stays drawn, not to be edited (inert), until its result lands. */
  opening: boolean;
  send: Send;
  /** The document the inspector shows: the context's, a step behind while dragging (as `panelSim`). */
  inspected: ScenarioFile;
  /** The latest simulation (the timeline follows every frame). */
  sim: SimulationView;
  /** The simulation the panels show, a step behind while dragging. */
  panelSim: SimulationView | undefined;
  view: View;
  exporting: boolean;
  compare: ReturnType<typeof useCompare>;
  openRule: (id: string) => void;
  openLegend: () => void;
  /** A view loaded on first use that cannot be had: says so and closes. */
  unavailable: (what: string, close: () => void) => (error: Error) => void;
  /** An imported log's lines, per push, for the Reality vs model panel (only in the session that imported it). */
  evidence?: Readonly<Record<string, readonly EvidenceLine[]>>;
}) {
  const { context, send, sim, panelSim, view, compare } = props;
  const { file, selection, playhead, push: selectedPush } = context;
  const { variant, folded, differs } = compare;
  const trace = sim.output.trace;
  // The timelines' handlers keep their identity, so that a render of the panels alone (a step behind)
  // does not render the memoized timelines again.
  const timeline = useHandlers({
    onView: (v: View | undefined) => send({ type: 'view.set', view: v }),
    onPlayhead: (t: number) => send({ type: 'playhead.set', t }),
    onSelectEvents: (indexes: readonly number[]) => send({ type: 'select.events', indexes }),
    onSelectPush: (push: string | undefined) => send({ type: 'select.push', push }),
    onDragStart: () => send({ type: 'drag.start' }),
    onDragMove: (times: ReadonlyMap<number, number>) => send({ type: 'drag.move', times }),
    onDragEnd: () => send({ type: 'drag.end' }),
    onAddEvent: (lane: LaneId, t: number) => send({ type: 'doc.addEvent', event: { lane }, at: t }),
  });
  const worldState = useWorldState(panelSim, playhead);
  const pushes = panelSim?.output.result.pushes ?? [];
  const pushResult = pushes.find((p) => p.id === selectedPush);
  const panels = useHandlers({
    selectPush: (id: string) => send({ type: 'select.push', push: id }),
    edit: (edit: DocEdit) => send(edit),
    openRule: (id: string) => props.openRule(id),
    // The document as the simulation loaded it: no second parse.
    whatIf: () =>
      sim.scenario && pushResult
        ? whatWouldHaveSaved(sim.scenario, pushResult.id).map((w) => ({ id: w.change.id, sentence: w.sentence }))
        : [],
    // The fate the push would have if sent at any other time in view (~150 samples, changes to the ms),
    // one run at a time: the Why panel runs it in slices between frames.
    sweep: (scenario: Scenario, push: string) => {
      const from = Math.max(view.start, trace.start);
      const to = Math.min(view.end, trace.end);
      return sweepSendTimes(scenario, push, from, to, sweepStep(from, to));
    },
  });
  // Expectations and the Why panel's counterfactuals: each add, remove or Apply is one undo step.
  const workbench = useHandlers({
    expect: (e: ExpectationFile) => send({ type: 'expect.add', expect: e }),
    unexpect: (e: ExpectationFile) => send({ type: 'expect.remove', expect: e }),
    applyChange: (id: string) => {
      const next = applyChange(file, id);
      if (next) send({ type: 'doc.edit', file: next });
    },
    applySendTime: (push: string, t: number) => {
      const next = sendAt(file, push, t);
      if (next) send({ type: 'doc.edit', file: next });
    },
    compare: (key: string) => compare.setCompareWith(key),
  });
  const shownResult = panelSim?.output.result;
  const totals = useMemo(
    () => shownResult && { strikes: shownResult.strikes.length, throttled: shownResult.throttled.length > 0 },
    [shownResult],
  );
  return (
    <div className="workspace" inert={props.opening}>
      {/* Comparing, the column is split: the scenario's timeline on top and the variant's below, each
          scrolling on its own on the same time axis, and the differences beside the fates. The main
          timeline keeps its place among the column's children, so that it is not mounted again. */}
      <div className={variant ? 'main-column comparing' : 'main-column'}>
        {variant && (
          <h2 className="pane-title" id="pane-main-title">
            As written <span className="hint">{file.title}</span>
            <button type="button" className="link pane-action" onClick={compare.toggleAllLanes}>
              {compare.allLanes ? 'Fold the lanes the same in both' : 'Show all lanes'}
            </button>
          </h2>
        )}
        <div className="timelines" {...(variant ? { role: 'region', 'aria-labelledby': 'pane-main-title' } : {})}>
          <Timeline
            output={sim.output}
            events={file.timeline}
            view={view}
            playhead={playhead}
            selection={selection}
            selectedPush={selectedPush}
            complete={props.exporting}
            {...(differs ? { differs } : {})}
            {...(folded ? { folded } : {})}
            onLegend={props.openLegend}
            {...timeline}
          />
        </div>
        {variant && (
          <section className="variant-pane" aria-labelledby="pane-variant-title">
            <h2 className="pane-title variant-title" id="pane-variant-title">
              {variant.title} <span className="hint">(read-only; edit the scenario as written)</span>
            </h2>
            <div className="timelines">
              <Timeline
                output={variant.output}
                events={variant.file?.timeline ?? file.timeline}
                view={view}
                playhead={playhead}
                selection={NONE}
                selectedPush={selectedPush}
                {...(differs ? { differs } : {})}
                {...(folded ? { folded } : {})}
                onView={timeline.onView}
                onPlayhead={timeline.onPlayhead}
                onSelectEvents={ignore}
                onSelectPush={timeline.onSelectPush}
                onDragStart={ignore}
                onDragMove={ignore}
                onDragEnd={ignore}
                onAddEvent={ignore}
                readOnly
              />
            </div>
          </section>
        )}
        <div className="bottom">
          <FatesPanel pushes={pushes} selected={selectedPush} onSelect={panels.selectPush} />
          {variant && (
            // While the differences load: their empty panel, in the place the grid keeps for them.
            <Deferred
              fallback={<section className="panel compare" aria-label="Differences" aria-busy="true" />}
              onError={props.unavailable('The differences', () => compare.setCompareWith(undefined))}
            >
              <ComparePanel
                label={variant.label}
                a={pushes}
                b={variant.output.result.pushes}
                selected={selectedPush}
                onSelect={panels.selectPush}
              />
            </Deferred>
          )}
          {worldState ? (
            <StatePanel state={worldState} {...(totals ? { totals } : {})} onExpect={workbench.expect} />
          ) : (
            <section className="panel state" aria-label="State at playhead" aria-busy="true">
              <h2>State at playhead…</h2>
            </section>
          )}
        </div>
      </div>
      <aside className="side">
        <ExpectationsPanel
          results={shownResult?.expectations ?? NO_EXPECTATIONS}
          onRemove={workbench.unexpect}
          onSelectPush={panels.selectPush}
        />
        <RealityPanel
          result={panelSim?.output.result}
          {...(props.evidence ? { evidence: props.evidence } : {})}
          {...(selectedPush ? { selected: selectedPush } : {})}
          onSelect={panels.selectPush}
        />
        <WhyPanel
          push={pushResult}
          actions={workbench}
          result={panelSim?.output.result}
          scenario={panelSim?.scenario}
          onRule={panels.openRule}
          whatIf={panels.whatIf}
          sweep={panels.sweep}
        />
        <Inspector
          file={props.inspected}
          selection={selection}
          errors={sim.errors}
          refused={context.refused}
          original={writtenForOriginal(context)}
          onEdit={panels.edit}
        />
      </aside>
    </div>
  );
}

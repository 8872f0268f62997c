import { modelChoice, type ModelChoiceId } from '../../machines';
import { GlossTerm } from './Glossed';

/**
 * The marker on a why-chain step that one of Ringside's own choices decided, where the sources are
 * silent: in words (not only colour), with the choice's statement on hover and keyboard focus.
 */
export function AssumptionMark(props: { id: ModelChoiceId }) {
  const choice = modelChoice(props.id);
  return (
    <span className="assumption-mark" data-choice={choice.id}>
      <GlossTerm
        text="Ringside's assumption"
        term={{ term: choice.title, aliases: [], gloss: '', definition: choice.statement, rules: choice.rules }}
      />
    </span>
  );
}

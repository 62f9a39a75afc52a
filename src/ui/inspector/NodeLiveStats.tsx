/** The selected node's live figures in the latest frames of the run (the ones its kind shows). */
import { FIGURES, type FigureName } from '../kinds';
import { useResults } from '../store';

export function NodeLiveStats({ id, figures }: { id: string; figures: readonly FigureName[] }) {
  const live = useResults((s) => s.live[id]);
  if (!live) return null;
  return (
    <dl className="live-stats" data-testid="inspector-live">
      {figures.map((name) => {
        const value = FIGURES[name].long(live);
        return value === null ? null : (
          <div key={name}>
            <dt>{FIGURES[name].title}</dt>
            <dd>{value}</dd>
          </div>
        );
      })}
    </dl>
  );
}

/** The frame every chart shares: a title, the latest values, an empty-state hint, a sized body. */
import type { ReactElement, ReactNode } from 'react';
import { ResponsiveContainer } from 'recharts';

export function ChartFrame(props: { testId: string; title: string; points: number; now: ReactNode; children: ReactElement }) {
  return (
    <section className="chart" data-testid={props.testId} data-points={props.points}>
      <header>
        <h3>{props.title}</h3>
        {props.points > 0 && <span className="chart-now">{props.now}</span>}
      </header>
      <div className="chart-body">
        {props.points === 0 && <div className="chart-empty">No data yet: press Play or Step.</div>}
        <ResponsiveContainer width="100%" height="100%">
          {props.children}
        </ResponsiveContainer>
      </div>
    </section>
  );
}

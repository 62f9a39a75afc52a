/**
 * The read-only view for embedding (`#s=…&embed=1`): the canvas and the charts, with run
 * controls, and a link to open the scenario in the full app. Nothing can be edited and
 * nothing is saved in the visitor's browser.
 */
import { ReactFlowProvider } from '@xyflow/react';
import { lazy, Suspense, useEffect } from 'react';
import { Canvas } from './canvas/Canvas';
import { simulation, useDocument } from './store';
import { Messages } from './toolbar/Messages';
import { RunControls } from './toolbar/RunControls';
import { ExplainerPanel } from './explain/ExplainerPanel';
import './library/library.css';

const ChartsPanel = lazy(() => import('./charts/ChartsPanel'));

function fullAppUrl(): string {
  // The same link without embed=1: it opens beside the visitor's own work.
  const hash = location.hash.replace(/&embed=[^&]*/, '').replace(/embed=[^&]*&?/, '');
  return `${location.origin}${location.pathname}${hash}`;
}

export function EmbedApp() {
  const name = useDocument((s) => s.scenario.name);
  useEffect(() => {
    void simulation.load();
  }, []);
  return (
    <ReactFlowProvider>
      <div className="app embed" data-testid="embed">
        <header className="topbar">
          <h1 className="brand">
            <span className="logo" aria-hidden>
              ◆
            </span>
            archsim
            <span className="scenario-name" data-testid="scenario-name">
              {name}
            </span>
          </h1>
          <RunControls />
          <a className="embed-open" href={fullAppUrl()} target="_blank" rel="noopener" data-testid="embed-open">
            Open in archsim ↗
          </a>
        </header>
        <main className="workspace">
          <Canvas readOnly />
          <Messages />
          <ExplainerPanel />
        </main>
        <footer className="bottom">
          <Suspense fallback={<div className="charts charts-loading">Loading charts…</div>}>
            <ChartsPanel />
          </Suspense>
        </footer>
      </div>
    </ReactFlowProvider>
  );
}

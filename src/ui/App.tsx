/** The app's layout: run controls on top, palette left, canvas centre, inspector right, charts below. */
import { ReactFlowProvider } from '@xyflow/react';
import { lazy, Suspense, useEffect } from 'react';
import { Canvas } from './canvas/Canvas';
import { Inspector } from './inspector/Inspector';
import { simulation, useDocument } from './store';
import { Palette } from './toolbar/Palette';
import { RunControls } from './toolbar/RunControls';

const ChartsPanel = lazy(() => import('./charts/ChartsPanel'));

export function App() {
  const name = useDocument((s) => s.scenario.name);
  useEffect(() => {
    // Build the first run at once, so its duration and any problems show before Play.
    void simulation.load();
  }, []);
  return (
    <ReactFlowProvider>
      <div className="app">
        <header className="topbar">
          <div className="brand">
            <span className="logo" aria-hidden>
              ◆
            </span>
            archsim
            <span className="scenario-name" data-testid="scenario-name">
              {name}
            </span>
          </div>
          <RunControls />
        </header>
        <Palette />
        <main className="workspace">
          <Canvas />
        </main>
        <Inspector />
        <footer className="bottom">
          <Suspense fallback={<div className="charts charts-loading">Loading charts…</div>}>
            <ChartsPanel />
          </Suspense>
        </footer>
      </div>
    </ReactFlowProvider>
  );
}

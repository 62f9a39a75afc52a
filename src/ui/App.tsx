/** The app's layout: run and edit controls on top, palette left, canvas centre, inspector right, charts and fault timeline below. */
import { ReactFlowProvider } from '@xyflow/react';
import { lazy, Suspense, useEffect } from 'react';
import { Canvas } from './canvas/Canvas';
import { FaultMenu } from './faults/FaultMenu';
import { Inspector } from './inspector/Inspector';
import { HelpDialog } from './keyboard/HelpDialog';
import { useShortcuts } from './keyboard/useShortcuts';
import { simulation, useDocument } from './store';
import { EditControls } from './toolbar/EditControls';
import { Messages } from './toolbar/Messages';
import { Palette } from './toolbar/Palette';
import { RunControls } from './toolbar/RunControls';

const ChartsPanel = lazy(() => import('./charts/ChartsPanel'));

export function App() {
  const name = useDocument((s) => s.scenario.name);
  useShortcuts();
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
          <EditControls />
        </header>
        <Palette />
        <main className="workspace">
          <Canvas />
          <Messages />
        </main>
        <Inspector />
        <footer className="bottom">
          <Suspense fallback={<div className="charts charts-loading">Loading charts…</div>}>
            <ChartsPanel />
          </Suspense>
        </footer>
        <FaultMenu />
        <HelpDialog />
      </div>
    </ReactFlowProvider>
  );
}

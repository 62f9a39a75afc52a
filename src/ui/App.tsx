/** The app's layout: run controls on top, palette left, canvas centre, inspector right, charts below. */
import { ReactFlowProvider } from '@xyflow/react';
import { lazy, Suspense, useEffect } from 'react';
import { Canvas } from './canvas/Canvas';
import { Inspector } from './inspector/Inspector';
import { FileDropZone } from './library/FileDropZone';
import { PasteToOpen } from './library/PasteToOpen';
import { useWork } from './library/workStore';
import { simulation } from './store';
import { DocumentBar } from './toolbar/DocumentBar';
import { Palette } from './toolbar/Palette';
import { RunControls } from './toolbar/RunControls';

const ChartsPanel = lazy(() => import('./charts/ChartsPanel'));

export function App() {
  // Another design opened: a fresh canvas fits its view to it.
  const openCount = useWork((s) => s.openCount);
  useEffect(() => {
    // Build the first run at once, so its duration and any problems show before Play.
    void simulation.load();
  }, []);
  return (
    <ReactFlowProvider>
      <div className="app">
        <header className="topbar">
          <DocumentBar />
          <RunControls />
        </header>
        <Palette />
        <main className="workspace">
          <FileDropZone>
            <Canvas key={openCount} />
          </FileDropZone>
        </main>
        <Inspector />
        <footer className="bottom">
          <Suspense fallback={<div className="charts charts-loading">Loading charts…</div>}>
            <ChartsPanel />
          </Suspense>
        </footer>
        <PasteToOpen />
      </div>
    </ReactFlowProvider>
  );
}

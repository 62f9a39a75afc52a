/**
 * The app's layout: the design, run and edit controls on top, palette left, canvas centre
 * (with its messages), inspector right, charts and fault timeline below.
 */
import { ReactFlowProvider } from '@xyflow/react';
import { lazy, Suspense, useEffect } from 'react';
import { Canvas } from './canvas/Canvas';
import { FaultMenu } from './faults/FaultMenu';
import { Inspector } from './inspector/Inspector';
import { HelpDialog } from './keyboard/HelpDialog';
import { useClipboard } from './keyboard/useClipboard';
import { useShortcuts } from './keyboard/useShortcuts';
import { FileDropZone } from './library/FileDropZone';
import { PasteToOpen } from './library/PasteToOpen';
import { useWork } from './library/workStore';
import { simulation, useSession } from './store';
import { DocumentBar } from './toolbar/DocumentBar';
import { EditControls } from './toolbar/EditControls';
import { Messages } from './toolbar/Messages';
import { Palette } from './toolbar/Palette';
import { RunControls } from './toolbar/RunControls';
import { ViewControls } from './toolbar/ViewControls';
import { AnalysisControls } from './toolbar/AnalysisControls';
import { ExplainerPanel } from './explain/ExplainerPanel';
import { useCompare } from './compare/compareStore';
import { useTraces } from './traces/traceStore';

const ChartsPanel = lazy(() => import('./charts/ChartsPanel'));
// Compare mode's views load when it starts: the first screen does not need them.
const CompareBanner = lazy(() => import('./compare/CompareBanner'));
const CompareView = lazy(() => import('./compare/CompareView'));
const TracesDialog = lazy(() => import('./traces/TracesDialog'));

export function App() {
  // Another design opened: a fresh canvas fits its view to it.
  const openCount = useWork((s) => s.openCount);
  const paletteOpen = useSession((s) => s.paletteOpen);
  const inspectorOpen = useSession((s) => s.inspectorOpen);
  const comparing = useCompare((s) => s.active);
  const editing = useCompare((s) => s.editing);
  const tracesOpen = useTraces((s) => s.open !== null);
  useShortcuts();
  useClipboard();
  useEffect(() => {
    // Build the first run at once, so its duration and any problems show before Play.
    void simulation.load();
  }, []);
  return (
    <ReactFlowProvider>
      <div
        className={`app${paletteOpen ? '' : ' palette-closed'}${inspectorOpen ? '' : ' inspector-closed'}${comparing ? ` comparing editing-${editing.toLowerCase()}` : ''}`}
      >
        <header className="topbar">
          <DocumentBar />
          <RunControls />
          <div className="topbar-tools">
            <EditControls />
            <AnalysisControls />
          </div>
          <ViewControls />
        </header>
        <Palette />
        <main className="workspace">
          {comparing && (
            <Suspense fallback={null}>
              <CompareBanner />
            </Suspense>
          )}
          <FileDropZone>
            <Canvas key={openCount} />
          </FileDropZone>
          <Messages />
          <ExplainerPanel />
        </main>
        {inspectorOpen && <Inspector />}
        <footer className="bottom">
          <Suspense fallback={<div className="charts charts-loading">Loading charts…</div>}>
            {comparing ? <CompareView /> : <ChartsPanel />}
          </Suspense>
        </footer>
        <PasteToOpen />
        <FaultMenu />
        <HelpDialog />
        {tracesOpen && (
          <Suspense fallback={null}>
            <TracesDialog />
          </Suspense>
        )}
      </div>
    </ReactFlowProvider>
  );
}

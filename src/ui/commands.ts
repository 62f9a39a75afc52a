/**
 * The editor's commands, one function each: the keyboard shortcuts, the menus and the buttons
 * all call these, so every action has one implementation (and a keyboard way to it).
 */
import { autoLayout } from './canvas/layout';
import { copyNodes, pasteChange } from './edit/clipboard';
import { simulation, useDocument, useSession } from './store';

/** Set by the canvas: React Flow's own view commands. */
export const canvasView = {
  fitView: () => {},
  /** Screen position of a node's element, for opening its menu from the keyboard. */
  nodeRect: (_id: string): DOMRect | null => null,
};

const PASTE_STEP = 40;

export const commands = {
  undo: () => void useDocument.getState().undo(),
  redo: () => void useDocument.getState().redo(),

  copy(): boolean {
    const { selection } = useSession.getState();
    const clip = copyNodes(useDocument.getState().scenario, selection.nodeIds);
    if (clip) useSession.getState().setClip(clip);
    return clip !== null;
  },

  paste(): void {
    const session = useSession.getState();
    if (!session.clip) return;
    const step = PASTE_STEP * (session.pastes + 1);
    pasteInto(session.clip, step, `paste ${session.clip.nodes.length} node(s)`);
    useSession.setState({ pastes: session.pastes + 1 });
  },

  duplicate(): void {
    const clip = copyNodes(useDocument.getState().scenario, useSession.getState().selection.nodeIds);
    if (clip) pasteInto(clip, PASTE_STEP, `duplicate ${clip.nodes.length} node(s)`);
  },

  deleteSelection(): void {
    const { selection } = useSession.getState();
    useDocument.getState().removeElements(selection.nodeIds, selection.edgeIds);
  },

  selectAll(): void {
    const { scenario } = useDocument.getState();
    useSession.getState().requestSelection({ nodeIds: scenario.nodes.map((n) => n.id), edgeIds: scenario.edges.map((e) => e.id) });
  },

  clearSelection(): void {
    useSession.getState().requestSelection({ nodeIds: [], edgeIds: [] });
  },

  /** Lays the whole design out left to right by tier (one undo step). */
  async layout(): Promise<void> {
    const scenario = useDocument.getState().scenario;
    const moves = await autoLayout(scenario);
    useDocument.getState().apply({ type: 'move', moves }, { label: 'automatic layout' });
    requestAnimationFrame(() => canvasView.fitView());
  },

  fitView: () => canvasView.fitView(),
  togglePlay: () => void simulation.toggle(),
  step: () => void simulation.step(),
  reset: () => void simulation.reset(),
  help: () => useSession.getState().setHelpOpen(!useSession.getState().helpOpen),

  /** Opens the actions menu of the one selected node or edge (the context-menu key, Shift+F10). */
  openMenuForSelection(): void {
    const { selection, openMenu } = useSession.getState();
    if (selection.nodeIds.length === 1 && selection.edgeIds.length === 0) {
      const id = selection.nodeIds[0];
      const rect = canvasView.nodeRect(id);
      openMenu({ type: 'node', id, x: rect ? rect.left + 12 : 200, y: rect ? rect.top + 28 : 200 });
    } else if (selection.edgeIds.length === 1 && selection.nodeIds.length === 0) {
      const edge = document.querySelector(`.react-flow__edge[data-id="${CSS.escape(selection.edgeIds[0])}"]`)?.getBoundingClientRect();
      openMenu({ type: 'edge', id: selection.edgeIds[0], x: edge ? edge.left + edge.width / 2 : 200, y: edge ? edge.top + edge.height / 2 : 200 });
    }
  },
};

function pasteInto(clip: NonNullable<ReturnType<typeof copyNodes>>, step: number, label: string): void {
  const doc = useDocument.getState();
  const { change, nodeIds } = pasteChange(doc.scenario, clip, { x: step, y: step });
  if (doc.apply(change, { label }).ok) {
    const added = new Set(nodeIds);
    const scenario = useDocument.getState().scenario;
    const edgeIds = scenario.edges.filter((e) => added.has(e.from) && added.has(e.to)).map((e) => e.id);
    useSession.getState().requestSelection({ nodeIds, edgeIds });
  }
}

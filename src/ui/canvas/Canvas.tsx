/**
 * The design canvas: the scenario's nodes and edges, editable, coloured by the live run.
 * Every edit goes to the document store as a typed change; React Flow keeps only what is its
 * own (measured sizes, drag positions in flight, selection flags).
 */
import {
  Background,
  Controls,
  MiniMap,
  ReactFlow,
  applyEdgeChanges,
  applyNodeChanges,
  useReactFlow,
  type Connection,
  type Edge,
  type EdgeChange,
  type NodeChange,
  type OnSelectionChangeParams,
} from '@xyflow/react';
import '@xyflow/react/dist/style.css';
import { useCallback, useEffect, useMemo, useRef, useState, type DragEvent, type MouseEvent } from 'react';
import { isNodeKind } from '../../model';
import { canvasView } from '../commands';
import { uncalledNodes } from '../edit/wiring';
import type { ArchFlowNode } from '../kinds/KindNode';
import { nodeTypes } from '../kinds/nodeTypes';
import { GRID, useDocument, useSession } from '../store';
import { useTheme } from '../theme';
import { PALETTE_MIME } from '../toolbar/paletteDrag';
import { NODE_H, NODE_W } from './placement';
import { edgeTypes } from './TrafficEdge';
import { toFlowEdges, toFlowNodes } from './toFlow';
import { useZoomClass } from './zoom';

const DELETE_KEYS = ['Backspace', 'Delete'];
const MULTI_SELECT_KEYS = ['Shift', 'Meta', 'Control'];
const SNAP_GRID: [number, number] = [GRID, GRID];
const PAN_BUTTONS = [1];
/** Small enough to leave the canvas's corner to the design (the default is 200 × 150). */
const MINIMAP_SIZE = { width: 144, height: 96 };
const FIT_VIEW_OPTIONS = { padding: 0.2, maxZoom: 1.2 };

function moveGroup(ids: readonly string[]): string {
  return `move:${[...ids].sort().join(',')}`;
}

/** `readOnly`: the embed view; nodes can be looked at and selected, not moved, connected, deleted or faulted. */
export function Canvas({ readOnly = false }: { readOnly?: boolean }) {
  const scenario = useDocument((s) => s.scenario);
  const selectRequest = useSession((s) => s.selectRequest);
  const uncalled = useMemo(() => uncalledNodes(scenario), [scenario]);
  const [nodes, setNodes] = useState<ArchFlowNode[]>(() => toFlowNodes(scenario, [], uncalled, null));
  const [edges, setEdges] = useState<Edge[]>(() => toFlowEdges(scenario, [], null));
  const flow = useReactFlow();
  const canvasRef = useRef<HTMLDivElement>(null);
  useZoomClass(canvasRef);
  const colorMode = useTheme((s) => s.resolved);

  useEffect(() => {
    canvasView.fitView = () => void flow.fitView({ ...FIT_VIEW_OPTIONS, duration: 200 });
    canvasView.nodeRect = (id) => document.querySelector(`.react-flow__node[data-id="${CSS.escape(id)}"]`)?.getBoundingClientRect() ?? null;
  }, [flow]);

  useEffect(() => {
    if (selectRequest) useSession.setState({ selectRequest: null });
    setNodes((previous) => toFlowNodes(scenario, previous, uncalled, selectRequest));
    setEdges((previous) => toFlowEdges(scenario, previous, selectRequest));
    if (selectRequest) useSession.getState().select(selectRequest);
  }, [scenario, uncalled, selectRequest]);

  /** A pointer drag is under way (its moves stay on the canvas until it ends). */
  const dragging = useRef(false);
  const onNodesChange = useCallback((changes: NodeChange<ArchFlowNode>[]) => {
    setNodes((current) => applyNodeChanges(changes, current));
    if (changes.some((c) => c.type === 'position' && c.dragging === true)) dragging.current = true;
    // Moves reach the document when a drag ends (one undo step), or per arrow key (a run of
    // presses on one selection is one step), not on every pointer move.
    const moves = changes.flatMap((c) =>
      c.type === 'position' && c.dragging === false && c.position ? [{ id: c.id, position: c.position }] : [],
    );
    if (moves.length === 0) return;
    const byKeyboard = !dragging.current;
    dragging.current = false;
    useDocument.getState().moveNodes(moves, byKeyboard ? moveGroup(moves.map((m) => m.id)) : undefined);
  }, []);

  const onEdgesChange = useCallback((changes: EdgeChange[]) => {
    setEdges((current) => applyEdgeChanges(changes, current));
  }, []);

  const onDelete = useCallback(({ nodes: gone, edges: cut }: { nodes: ArchFlowNode[]; edges: Edge[] }) => {
    useDocument.getState().removeElements(
      gone.map((n) => n.id),
      cut.map((e) => e.id),
    );
  }, []);

  const onConnect = useCallback((connection: Connection) => {
    const result = useDocument.getState().connect(connection.source, connection.target);
    useSession.getState().setNotice(result.ok ? null : `Cannot connect ${connection.source} → ${connection.target}: ${result.errors.map((e) => e.message).join('; ')}`);
  }, []);

  const onSelectionChange = useCallback(({ nodes: n, edges: e }: OnSelectionChangeParams) => {
    useSession.getState().select({ nodeIds: n.map((x) => x.id), edgeIds: e.map((x) => x.id) });
  }, []);

  const onNodeContextMenu = useCallback((event: MouseEvent, node: ArchFlowNode) => {
    event.preventDefault();
    // The menu acts on this node: it becomes the selection, as a click would make it.
    if (!node.selected) useSession.getState().requestSelection({ nodeIds: [node.id], edgeIds: [] });
    useSession.getState().openMenu({ type: 'node', id: node.id, x: event.clientX, y: event.clientY });
  }, []);

  const onEdgeContextMenu = useCallback((event: MouseEvent, edge: Edge) => {
    event.preventDefault();
    if (!edge.selected) useSession.getState().requestSelection({ nodeIds: [], edgeIds: [edge.id] });
    useSession.getState().openMenu({ type: 'edge', id: edge.id, x: event.clientX, y: event.clientY });
  }, []);

  const onDragOver = useCallback((event: DragEvent) => {
    if (event.dataTransfer.types.includes(PALETTE_MIME)) {
      event.preventDefault();
      event.dataTransfer.dropEffect = 'copy';
    }
  }, []);

  const onDrop = useCallback(
    (event: DragEvent) => {
      const kind = event.dataTransfer.getData(PALETTE_MIME);
      if (readOnly || !isNodeKind(kind)) return;
      event.preventDefault();
      const p = flow.screenToFlowPosition({ x: event.clientX, y: event.clientY });
      const id = useDocument.getState().addNode(kind, { x: p.x - NODE_W / 2, y: p.y - NODE_H / 2 });
      if (id) useSession.getState().requestSelection({ nodeIds: [id], edgeIds: [] });
    },
    [flow, readOnly],
  );

  return (
    <div className="canvas" data-testid="canvas" ref={canvasRef} onDragOver={onDragOver} onDrop={onDrop}>
      <ReactFlow<ArchFlowNode>
        nodes={nodes}
        edges={edges}
        colorMode={colorMode}
        nodeTypes={nodeTypes}
        edgeTypes={edgeTypes}
        onNodesChange={onNodesChange}
        onEdgesChange={onEdgesChange}
        onDelete={onDelete}
        onConnect={onConnect}
        onSelectionChange={onSelectionChange}
        onNodeContextMenu={readOnly ? undefined : onNodeContextMenu}
        onEdgeContextMenu={readOnly ? undefined : onEdgeContextMenu}
        deleteKeyCode={readOnly ? null : DELETE_KEYS}
        nodesDraggable={!readOnly}
        nodesConnectable={!readOnly}
        multiSelectionKeyCode={MULTI_SELECT_KEYS}
        // Editing: a drag on empty canvas boxes a selection, the middle button pans. Read-only: a drag pans.
        selectionOnDrag={!readOnly}
        panOnDrag={readOnly ? true : PAN_BUTTONS}
        panOnScroll
        panActivationKeyCode={null}
        snapToGrid
        snapGrid={SNAP_GRID}
        fitView
        fitViewOptions={FIT_VIEW_OPTIONS}
        minZoom={0.2}
        maxZoom={2}
      >
        <Background gap={GRID} size={1} />
        <Controls showInteractive={false} fitViewOptions={FIT_VIEW_OPTIONS} />
        <MiniMap pannable zoomable ariaLabel="Overview of the design" style={MINIMAP_SIZE} />
      </ReactFlow>
    </div>
  );
}

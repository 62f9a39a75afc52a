/** The design canvas: the scenario's nodes and edges, editable, coloured by the live run. */
import {
  Background,
  Controls,
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
import { useCallback, useEffect, useState, type DragEvent } from 'react';
import { formatErrors, isNodeKind } from '../../model';
import { nodeTypes } from '../nodes/nodeTypes';
import type { ArchFlowNode } from '../nodes/types';
import { useDocument, useResults, useSession } from '../store';
import { PALETTE_MIME } from '../toolbar/paletteDrag';
import { toFlowEdges, toFlowNodes } from './toFlow';

const DELETE_KEYS = ['Backspace', 'Delete'];
const FIT_VIEW_OPTIONS = { padding: 0.2, maxZoom: 1.2 };
const selectRunning = (s: ReturnType<typeof useResults.getState>) => s.status.running;

/** `readOnly`: the embed view; nodes can be looked at and selected, not moved, connected or deleted. */
export function Canvas({ readOnly = false }: { readOnly?: boolean }) {
  const scenario = useDocument((s) => s.scenario);
  const running = useResults(selectRunning);
  const [nodes, setNodes] = useState<ArchFlowNode[]>(() => toFlowNodes(scenario, []));
  const [edges, setEdges] = useState<Edge[]>(() => toFlowEdges(scenario, [], running));
  const { screenToFlowPosition } = useReactFlow();

  useEffect(() => {
    const session = useSession.getState();
    const selectId = session.pendingSelect;
    if (selectId) session.requestSelect(null);
    setNodes((previous) => toFlowNodes(scenario, previous, selectId));
    setEdges((previous) => toFlowEdges(scenario, previous, running, Boolean(selectId)));
  }, [scenario, running]);

  const onNodesChange = useCallback((changes: NodeChange<ArchFlowNode>[]) => {
    setNodes((current) => applyNodeChanges(changes, current));
    // Moves reach the document when a drag ends, not on every pointer move.
    const moves = changes.flatMap((c) =>
      c.type === 'position' && c.dragging === false && c.position ? [{ id: c.id, position: c.position }] : [],
    );
    useDocument.getState().moveNodes(moves);
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
    useSession.getState().setNotice(result.ok ? null : `Cannot connect: ${formatErrors(result.errors)}`);
  }, []);

  const onSelectionChange = useCallback(({ nodes: n, edges: e }: OnSelectionChangeParams) => {
    useSession.getState().select({ nodeIds: n.map((x) => x.id), edgeIds: e.map((x) => x.id) });
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
      const p = screenToFlowPosition({ x: event.clientX, y: event.clientY });
      const id = useDocument.getState().addNode(kind, { x: p.x - 80, y: p.y - 40 });
      if (id) useSession.getState().requestSelect(id);
    },
    [screenToFlowPosition, readOnly],
  );

  return (
    <div className="canvas" data-testid="canvas" onDragOver={onDragOver} onDrop={onDrop}>
      <ReactFlow<ArchFlowNode>
        nodes={nodes}
        edges={edges}
        nodeTypes={nodeTypes}
        onNodesChange={onNodesChange}
        onEdgesChange={onEdgesChange}
        onDelete={onDelete}
        onConnect={onConnect}
        onSelectionChange={onSelectionChange}
        deleteKeyCode={readOnly ? null : DELETE_KEYS}
        nodesDraggable={!readOnly}
        nodesConnectable={!readOnly}
        fitView
        fitViewOptions={FIT_VIEW_OPTIONS}
        minZoom={0.2}
        maxZoom={2}
      >
        <Background gap={20} size={1} />
        <Controls showInteractive={false} />
      </ReactFlow>
    </div>
  );
}

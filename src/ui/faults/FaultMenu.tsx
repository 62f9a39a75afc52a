/**
 * The actions menu of a node or an edge, opened by a right click, the node's ⋯ button, the
 * inspector's Actions button or the context-menu key: faults injected at the current
 * simulated time (crash, recover, slow a node or one instance; partition, heal a call), and
 * the editing actions. A menu in the ARIA sense: arrow keys move, Escape closes.
 */
import { useEffect, useLayoutEffect, useRef, useState, type KeyboardEvent, type ReactNode } from 'react';
import type { FaultAction } from '../../model';
import { commands } from '../commands';
import { formatSeconds } from '../format';
import { simulation, useDocument, useResults, useSession, type MenuRequest } from '../store';

function inject(action: FaultAction, target: string, extra: { instance?: number; factor?: number } = {}) {
  useSession.getState().openMenu(null);
  void simulation.inject({ type: 'fault', action, target, ...extra });
}

function Item({ children, onSelect, testId }: { children: ReactNode; onSelect: () => void; testId: string }) {
  return (
    <button type="button" role="menuitem" className="menu-item" data-testid={testId} onClick={onSelect} tabIndex={-1}>
      {children}
    </button>
  );
}

/** How many instances a node has now (the run's count when there is one). */
function useInstances(id: string): number {
  const live = useResults((s) => s.live[id]?.instancesTotal);
  const node = useDocument((s) => s.scenario.nodes.find((n) => n.id === id));
  if (live) return live;
  return node?.kind === 'server' ? node.config.replicas : 1;
}

function NodeItems({ id }: { id: string }) {
  const instances = useInstances(id);
  const [factor, setFactor] = useState('5');
  const shown = Math.min(instances, 8);
  const factorValue = Number(factor);
  const factorOk = Number.isFinite(factorValue) && factorValue > 0 && factorValue <= 1000;
  return (
    <>
      <Item testId="menu-crash" onSelect={() => inject('crash', id)}>
        Crash {instances > 1 ? `all ${instances} instances` : id}
      </Item>
      {instances > 1 &&
        Array.from({ length: shown }, (_, i) => (
          <Item key={`c${i}`} testId={`menu-crash-${i}`} onSelect={() => inject('crash', id, { instance: i })}>
            Crash instance {i}
          </Item>
        ))}
      <Item testId="menu-recover" onSelect={() => inject('recover', id)}>
        Recover {instances > 1 ? 'all' : id} (and normal speed)
      </Item>
      {instances > 1 &&
        Array.from({ length: shown }, (_, i) => (
          <Item key={`r${i}`} testId={`menu-recover-${i}`} onSelect={() => inject('recover', id, { instance: i })}>
            Recover instance {i}
          </Item>
        ))}
      <div className="menu-row">
        <Item testId="menu-slow" onSelect={() => factorOk && inject('slow', id, { factor: factorValue })}>
          Slow down ×{factorOk ? factorValue : '?'}
        </Item>
        <input
          aria-label="Slow-down factor"
          className="menu-factor"
          data-testid="menu-slow-factor"
          value={factor}
          inputMode="decimal"
          onChange={(e) => setFactor(e.target.value)}
        />
      </div>
      <hr />
      <Item testId="menu-duplicate" onSelect={() => editThen(id, commands.duplicate)}>
        Duplicate
      </Item>
      <Item testId="menu-copy" onSelect={() => editThen(id, () => void commands.copy())}>
        Copy
      </Item>
      <Item testId="menu-delete" onSelect={() => editThen(id, () => useDocument.getState().removeElements([id], []))}>
        Delete
      </Item>
    </>
  );
}

/** Runs an editing command on this node alone. */
function editThen(id: string, run: () => void) {
  const session = useSession.getState();
  session.openMenu(null);
  session.select({ nodeIds: [id], edgeIds: [] });
  session.requestSelection({ nodeIds: [id], edgeIds: [] });
  run();
}

function EdgeItems({ id }: { id: string }) {
  return (
    <>
      <Item testId="menu-partition" onSelect={() => inject('partition', id)}>
        Partition (drop every call)
      </Item>
      <Item testId="menu-heal" onSelect={() => inject('heal', id)}>
        Heal
      </Item>
      <hr />
      <Item
        testId="menu-delete"
        onSelect={() => {
          useSession.getState().openMenu(null);
          useDocument.getState().removeElements([], [id]);
        }}
      >
        Delete
      </Item>
    </>
  );
}

export function FaultMenu() {
  const menu = useSession((s) => s.menu);
  return menu ? <OpenMenu key={`${menu.type}:${menu.id}:${menu.x}:${menu.y}`} menu={menu} /> : null;
}

function OpenMenu({ menu }: { menu: MenuRequest }) {
  const ref = useRef<HTMLDivElement>(null);
  const returnFocus = useRef<Element | null>(document.activeElement);
  const simTime = useResults((s) => s.status.simTimeMs);
  const [place, setPlace] = useState({ left: menu.x, top: menu.y });

  useLayoutEffect(() => {
    const box = ref.current?.getBoundingClientRect();
    if (!box) return;
    setPlace({ left: Math.max(4, Math.min(menu.x, window.innerWidth - box.width - 4)), top: Math.max(4, Math.min(menu.y, window.innerHeight - box.height - 4)) });
    ref.current?.querySelector<HTMLElement>('[role="menuitem"]')?.focus();
  }, [menu.x, menu.y]);

  useEffect(() => {
    const close = (event: Event) => {
      if (ref.current && event.target instanceof Node && ref.current.contains(event.target)) return;
      useSession.getState().openMenu(null);
    };
    window.addEventListener('pointerdown', close, true);
    return () => {
      window.removeEventListener('pointerdown', close, true);
      if (returnFocus.current instanceof HTMLElement && returnFocus.current.isConnected) returnFocus.current.focus();
    };
  }, []);

  function onKeyDown(event: KeyboardEvent) {
    const items = [...(ref.current?.querySelectorAll<HTMLElement>('[role="menuitem"], input') ?? [])];
    const at = items.indexOf(document.activeElement as HTMLElement);
    if (event.key === 'Escape') {
      event.preventDefault();
      useSession.getState().openMenu(null);
    } else if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
      event.preventDefault();
      const next = (at + (event.key === 'ArrowDown' ? 1 : -1) + items.length) % items.length;
      items[next]?.focus();
    } else if (event.key === 'Tab') {
      useSession.getState().openMenu(null);
    }
  }

  return (
    <div
      ref={ref}
      role="menu"
      aria-label={`Actions for ${menu.id}`}
      className="context-menu"
      data-testid="context-menu"
      style={{ left: place.left, top: place.top }}
      onKeyDown={onKeyDown}
      onContextMenu={(e) => e.preventDefault()}
    >
      <div className="menu-title">
        <code>{menu.id}</code> <span className="hint">faults act now, at {formatSeconds(simTime)}</span>
      </div>
      {menu.type === 'node' ? <NodeItems id={menu.id} /> : <EdgeItems id={menu.id} />}
    </div>
  );
}

/**
 * Node text never reads smaller than 11 px on screen. At a zoom where the nodes' smallest text
 * (12 px) would shrink below that, the canvas switches to a far view: the nodes drop their
 * kind line and facts and draw their label and figures larger, in proportion to 1 / zoom.
 * Follows React Flow's viewport through its store, outside React (no re-render per zoom step).
 */
import { useStoreApi } from '@xyflow/react';
import { useEffect, type RefObject } from 'react';

/** Smallest on-screen text, px, and the smallest text size inside a node at zoom 1, px. */
export const MIN_TEXT_PX = 11;
export const NODE_TEXT_PX = 12;
/** Below this zoom the canvas shows the far view. */
export const FAR_ZOOM = MIN_TEXT_PX / NODE_TEXT_PX;

export function useZoomClass(ref: RefObject<HTMLElement | null>): void {
  const store = useStoreApi();
  useEffect(() => {
    let last = -1;
    const apply = (zoom: number) => {
      const el = ref.current;
      if (!el || zoom === last) return;
      last = zoom;
      el.style.setProperty('--zoom', String(zoom));
      el.classList.toggle('zoom-far', zoom < FAR_ZOOM);
    };
    apply(store.getState().transform[2]);
    return store.subscribe((s) => apply(s.transform[2]));
  }, [ref, store]);
}

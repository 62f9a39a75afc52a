/**
 * The chart points, re-read from the ring at most once per animation frame when new frames
 * arrive: a transient subscription, so a burst of batches costs one render.
 */
import { useEffect, useState } from 'react';
import { frameRing, useResults, type ChartPoint } from '../store';

export function useChartPoints(): ChartPoint[] {
  const [points, setPoints] = useState<ChartPoint[]>(() => frameRing.toArray());
  useEffect(() => {
    let pending = 0;
    const unsubscribe = useResults.subscribe((state, previous) => {
      if (state.pointsVersion === previous.pointsVersion || pending) return;
      pending = requestAnimationFrame(() => {
        pending = 0;
        setPoints(frameRing.toArray());
      });
    });
    setPoints(frameRing.toArray());
    return () => {
      unsubscribe();
      cancelAnimationFrame(pending);
    };
  }, []);
  return points;
}

/** Small formatting helpers shared by the views. */
import type { Duration } from '../model';

export function formatMs(ms: number): string {
  if (ms >= 100) return `${ms.toFixed(0)} ms`;
  if (ms >= 10) return `${ms.toFixed(1)} ms`;
  return `${Number(ms.toPrecision(2))} ms`;
}

export function formatSeconds(ms: number): string {
  const s = ms / 1000;
  if (s >= 3600) return `${(s / 3600).toFixed(1)} h`;
  if (s >= 100) return `${s.toFixed(0)} s`;
  return `${s.toFixed(1)} s`;
}

/** "exp, mean 8 ms", "12 ms" … */
export function describeDuration(d: Duration): string {
  if (typeof d === 'number') return formatMs(d);
  switch (d.dist) {
    case 'constant':
      return formatMs(d.ms);
    case 'exponential':
      return `exp, mean ${formatMs(d.meanMs)}`;
    case 'erlang':
      return `erlang k=${d.k}, mean ${formatMs(d.meanMs)}`;
    case 'uniform':
      return `uniform ${formatMs(d.minMs)}–${formatMs(d.maxMs)}`;
    case 'lognormal':
      return `lognormal, median ${formatMs(d.medianMs)}`;
  }
}

export function formatRate(rps: number): string {
  if (rps >= 10_000) return `${(rps / 1000).toFixed(0)}k`;
  if (rps >= 1000) return `${(rps / 1000).toFixed(1)}k`;
  return rps.toFixed(0);
}

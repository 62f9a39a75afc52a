/**
 * Reactive autoscaling's decision (SPEC §3.2 `autoscale`), as Kubernetes' Horizontal Pod
 * Autoscaler makes it: with `current` instances measured at `utilization`, the count that
 * would bring them to the target is ⌈current · utilization / target⌉, kept within
 * [min, max]. A ratio within {@link AUTOSCALE_TOLERANCE} of 1 changes nothing (the HPA's
 * default), so measurement noise around the target does not move the count.
 *
 * Utilisation is capped at 1, so a saturated service grows by at most 1/target a step: the
 * queue that builds meanwhile is what a purely reactive scaler cannot see.
 */
export const AUTOSCALE_TOLERANCE = 0.1;

export interface AutoscaleTarget {
  targetUtilization: number;
  min: number;
  max: number;
}

export function desiredReplicas(current: number, utilization: number, t: AutoscaleTarget): number {
  const ratio = utilization / t.targetUtilization;
  let desired = current;
  if (ratio > 1 + AUTOSCALE_TOLERANCE || ratio < 1 - AUTOSCALE_TOLERANCE) {
    // The product can land a hair above a whole number (3 · 0.45 / 0.45); that is the number.
    desired = Math.ceil(current * ratio * (1 - 1e-12));
  }
  return desired < t.min ? t.min : desired > t.max ? t.max : desired;
}

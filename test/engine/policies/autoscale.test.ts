/** The autoscaler's decision, as Kubernetes' HPA: ⌈current · utilisation / target⌉ within [min, max]. */
import { describe, expect, it } from 'vitest';
import { AUTOSCALE_TOLERANCE, desiredReplicas } from '../../../src/engine/policies/autoscale';

const t = { targetUtilization: 0.6, min: 1, max: 10 };

describe('desired replicas', () => {
  it('brings the utilisation to the target', () => {
    expect(desiredReplicas(2, 0.9, t)).toBe(3); // 2 · 0.9 / 0.6 = 3 exactly
    expect(desiredReplicas(2, 0.91, t)).toBe(4);
    expect(desiredReplicas(4, 0.3, t)).toBe(2);
    expect(desiredReplicas(5, 0.25, t)).toBe(3); // 2.08 → 3
    expect(desiredReplicas(3, 0.45, { ...t, targetUtilization: 0.45 })).toBe(3);
  });

  it('a saturated service grows by 1/target a step at most', () => {
    expect(desiredReplicas(3, 1, t)).toBe(5);
    expect(desiredReplicas(5, 1, t)).toBe(9);
  });

  it('within the tolerance changes nothing', () => {
    expect(desiredReplicas(10, 0.6 * (1 + AUTOSCALE_TOLERANCE * 0.99), { ...t, max: 20 })).toBe(10);
    expect(desiredReplicas(10, 0.6 * (1 - AUTOSCALE_TOLERANCE * 0.99), t)).toBe(10);
    expect(desiredReplicas(10, 0.6 * (1 + AUTOSCALE_TOLERANCE * 1.01), { ...t, max: 20 })).toBe(12);
  });

  it('stays within [min, max]', () => {
    expect(desiredReplicas(4, 0, { ...t, min: 2 })).toBe(2);
    expect(desiredReplicas(8, 1, t)).toBe(10);
    expect(desiredReplicas(1, 0, t)).toBe(1);
  });
});

/** Scheduled faults (SPEC §3.4); the UI offers the same actions live. */
import { z } from 'zod';
import { id, integer, millis, number, oneOf, strict } from './fields';
import { MAX_REPLICAS } from './kinds/server';

export const FAULT_ACTIONS = ['crash', 'recover', 'slow', 'partition', 'heal'] as const;
export type FaultAction = (typeof FAULT_ACTIONS)[number];

/** Actions that target a node; the others target an edge. */
export const NODE_FAULT_ACTIONS: readonly FaultAction[] = ['crash', 'recover', 'slow'];

export const faultSchema = strict({
  atMs: millis(),
  action: oneOf(FAULT_ACTIONS),
  /** A node id (crash, recover, slow) or an edge id (partition, heal). */
  target: id(),
  /**
   * One instance of the node; absent means the whole node. At most the last instance a
   * server can have (999); whether the target has that instance is a runnable check.
   */
  instance: integer(0, MAX_REPLICAS - 1).optional(),
  /** `slow` multiplies service times by this. */
  factor: number({ above: 0, max: 1000 }).default(5),
});

export type Fault = z.output<typeof faultSchema>;

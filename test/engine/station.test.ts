/** The station skeleton on its own: servers, a FIFO, batches and added servers, with its tallies. */
import { describe, expect, it } from 'vitest';
import { Engine } from '../../src/engine/runtime/engine';
import { FULL, QUEUED, STARTED, Station } from '../../src/engine/runtime/station';

function station(servers: number, capacity = Infinity) {
  const engine = new Engine(1, 1_000, 0);
  engine.start();
  return { engine, st: new Station<string>(engine, servers, capacity) };
}

describe('Station', () => {
  it('starts jobs while servers are free, queues them FIFO up to its capacity, then refuses', () => {
    const { st } = station(1, 2);
    expect(st.offer(0, 'a', true)).toBe(STARTED);
    expect(st.offer(0, 'b', true)).toBe(QUEUED);
    expect(st.offer(1, 'c', true)).toBe(QUEUED);
    expect(st.offer(2, 'd', true)).toBe(FULL);
    expect(st.release(5)).toBe('b'); // the server goes to the head
    expect(st.release(7)).toBe('c');
    expect(st.release(8)).toBeNull();
    expect(st.busy).toBe(0);
    // Waits of the served jobs: a 0, b 5, c 6.
    expect(st.waitCount).toBe(3);
    expect(st.waitSum).toBe(11);
  });

  it('lets a busy server take more waiting jobs into one service (a batch)', () => {
    const { st } = station(1);
    st.offer(0, 'a', true);
    st.offer(1, 'b', true);
    st.offer(2, 'c', true);
    st.offer(3, 'd', true);
    expect(st.takeAnother(4)).toBe('b');
    expect(st.takeAnother(4)).toBe('c');
    expect(st.busy).toBe(1);
    expect(st.waiting).toBe(1);
    expect(st.release(10)).toBe('d');
    expect(st.takeAnother(10)).toBeNull();
    expect(st.waitSum).toBe(0 + 3 + 2 + 7);
  });

  it('starts waiting jobs on servers added while they wait, and not beyond them', () => {
    const { st } = station(1);
    for (const job of ['a', 'b', 'c', 'd']) st.offer(0, job, false);
    expect(st.startWaiting(1)).toBeNull(); // no server free yet
    st.servers = 3;
    expect(st.startWaiting(1)).toBe('b');
    expect(st.startWaiting(1)).toBe('c');
    expect(st.startWaiting(1)).toBeNull();
    expect(st.busy).toBe(3);
    expect(st.waiting).toBe(1);
    // Fewer servers again: a finishing job frees its server instead of taking the next.
    st.servers = 1;
    expect(st.release(2)).toBeNull();
    expect(st.release(2)).toBeNull();
    expect(st.release(2)).toBe('d');
  });

  it('time-averages busy servers and waiting jobs', () => {
    const { st } = station(2);
    st.offer(0, 'a', true);
    st.offer(0, 'b', true);
    st.offer(0, 'c', true);
    st.release(10); // c starts at 10
    st.release(20);
    st.release(20);
    expect(st.busyTally.areaSinceWarmup(40)).toBe(2 * 20);
    expect(st.queueTally.areaSinceWarmup(40)).toBe(10);
  });
});

import { info } from './fieldText';
import type { UiKindDescriptor } from './types';
import { describeDuration } from '../format';

export const databaseUi: UiKindDescriptor<'database'> = {
  badge: 'DB',
  paletteHint: 'pool, replicas, shards',
  facts: (c) => [
    `${c.connections} connections${c.pooling ? '' : ', no pooling'}`,
    `read ${describeDuration(c.readTime)}`,
    `${c.shards} shard(s), ${c.readReplicas} replica(s)`,
  ],
  figures: ['utilization', 'connections', 'instances'],
  charts: ['utilization', 'connections', 'poolWait', 'rate'],
  instanceDots: true,
  sections: [
    { title: 'Queries', fields: ['readTime', 'writeTime'] },
    { title: 'Connections', fields: ['connections', 'poolTimeoutMs', 'pooling', 'connectTime'] },
    { title: 'Replicas and shards', fields: ['readReplicas', 'replicationLag', 'shards', 'sharding'] },
  ],
  live: {},
  receivesCalls: true,
  fields: {
    readTime: info('Read time', 'Time a read query takes on a connection.'),
    writeTime: info('Write time', 'Time a write query takes on the primary.'),
    connections: info('Connections', 'Pool size per primary and per replica; a query waits for a free one.', 'connections'),
    poolTimeoutMs: info('Pool timeout', 'How long a query waits for a connection before it errors.', 'ms'),
    pooling: info('Pooling', 'Off: every query first opens a connection and pays the connect time.'),
    connectTime: info('Connect time', 'Time to open a connection when pooling is off.'),
    readReplicas: info('Read replicas', 'Per shard; reads go round-robin to them and can be stale.', 'replicas'),
    replicationLag: info('Replication lag', 'How long a write takes to reach the replicas.'),
    shards: info('Shards', 'The data is split by key over this many primaries.', 'shards'),
    sharding: info('Sharding', 'Hash: keys spread evenly; range: neighbouring keys share a shard (hot ranges show).'),
  },
};

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
  figures: ['utilization', 'queue', 'instances'],
  sections: [
    { title: 'Queries', fields: ['readTime', 'writeTime'] },
    { title: 'Connections', fields: ['connections', 'poolTimeoutMs', 'pooling', 'connectTime'] },
    { title: 'Replicas and shards', fields: ['readReplicas', 'replicationLag', 'shards', 'sharding'] },
  ],
  live: {},
  receivesCalls: true,
};

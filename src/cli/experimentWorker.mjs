// The worker thread's entry: TypeScript is loaded through tsx, as `npm run sim` loads the
// CLI (a worker thread does not inherit the parent's module hooks).
import { register } from 'tsx/esm/api';

register();
await import('./experimentWorker.ts');

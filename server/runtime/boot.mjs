// A worker thread's first module, plain JavaScript: a worker does not inherit the parent's tsx
// loader (neither under `tsx server/main.ts` nor under vitest), so it registers tsx itself and
// then loads the TypeScript entry it is given (the pool's job runner, the embedded database's worker).
import { workerData } from 'node:worker_threads';
import { tsImport } from 'tsx/esm/api';

await tsImport(workerData.entry, import.meta.url);

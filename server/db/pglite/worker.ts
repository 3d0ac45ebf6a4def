// The embedded database's own thread: PGlite runs its queries as WebAssembly without yielding,
// so on the main thread one heavy query stopped every other request. Here it owns the data
// directory and answers the main thread's queries in the order they come (PGlite queues them).
import { parentPort, workerData } from 'node:worker_threads';
import { PGlite } from '@electric-sql/pglite';
import { pg_trgm } from '@electric-sql/pglite/contrib/pg_trgm';
import { postgisExtension } from './postgis-bundle';
import { toFailure, type Opened, type Reply, type Request } from './protocol';

const port = parentPort!;
const { dataDir } = workerData as { dataDir: string };

// From here on a failure is the data directory's, not the program's.
port.postMessage('loaded');
let pglite: PGlite;
try {
  pglite = await PGlite.create({ dataDir, extensions: { postgis: postgisExtension, pg_trgm } });
  port.postMessage({ opened: true } satisfies Opened);
} catch (err) {
  port.postMessage({ opened: false, failure: toFailure(err) } satisfies Opened);
  process.exit(0);
}

port.on('message', (request: Request) => {
  const work = 'close' in request ? pglite.close().then(() => null) : pglite.query(request.sql, request.params, request.options);
  void work.then(
    (result) => {
      port.postMessage({ id: request.id, result } satisfies Reply);
      if ('close' in request) port.close();
    },
    (err: unknown) => port.postMessage({ id: request.id, failure: toFailure(err) } satisfies Reply),
  );
});

// The server side of every FFI method: the lab's own listener on 127.0.0.1, and for each "go" from
// the runner one accepted connection, the whole file sent with the method, the connection closed,
// and the method's own counts handed to the runner with "done". The accept and the sends block the
// main thread, which is all this process does: "usage" lines wait in the stdin pipe meanwhile.
import { fail, serving, unavailable, type ServerOptions } from '../harness.ts';
import { loadLibc } from './kernel/load.ts';
import { acceptOne, listenLoopback, type Listener } from './listen.ts';
import { ffiMethods } from './methods.ts';

/** The runner lets its client connect right after "go"; a client that has not come by then never will. */
const acceptTimeoutMs = 30_000;
/** One send's length must fit SEND_ZC's 32-bit len and its CQE's 32-bit signed res. */
const largestChunk = 2 ** 30;

export async function serveFfi(options: ServerOptions, libcPath: string): Promise<void> {
  const prepare = ffiMethods[options.method] ?? fail(`lab 09 has no method ${options.method}`);
  if (!(Number.isSafeInteger(options.chunk) && options.chunk > 0 && options.chunk <= largestChunk)) fail(`--chunk must be 1 to ${largestChunk} bytes, not ${options.chunk}`);
  const loaded = await loadLibc(libcPath);
  if ('unavailable' in loaded) unavailable(loaded.unavailable);
  const { libc } = loaded;
  const method = prepare(libc);
  if ('unavailable' in method) unavailable(method.unavailable);
  let listener: Listener;
  try {
    listener = listenLoopback(libc);
  } catch (error) {
    fail((error as Error).message);
  }
  serving(listener.port, options, async () => {
    const socket = acceptOne(libc, listener, acceptTimeoutMs);
    try {
      return method.transfer(socket, options);
    } finally {
      libc.close(socket);
    }
  });
}

// The bench's client. Like scripts/lab/client.ts it is one process for a session, the same for
// every runtime's servers, and speaks the same protocol (scripts/lab/client-protocol.ts), so the
// lab core's server driver drives it unchanged. It differs in what a benchmark needs on a 2-core
// machine, where the client, not the server, can set the pace. The bench starts it on Bun when
// Bun is installed (else on Node through tsx), and it reads the socket one of two ways:
// - blocking (bun:ffi, or koffi on Node): libc's recv into one reused MiB, each read checked on
//   this thread while it is still in the cache (verify.ts): compared byte for byte with the file,
//   which `expect` maps read-only from the page cache (Bun, warm runs: the same pages the kernel
//   just copied from, so both sides of the compare are in the cache) or loads into memory, or
//   hashed with SHA-256 where the file does not fit; the check is inside the clock;
// - Node's socket (net's `onread`, epoll) when no FFI loads: reads go into a shared ring of
//   1 MiB slots, each filled by as many reads as fit, checked on a second thread in place; the
//   clock stops when the stream ends and the verdict is awaited after it; when every slot waits
//   to be checked, the socket is paused, so the ring stays at 16 MiB for any size.
// The lab servers close after the file, and HTTP is asked for Connection: close, so the end of
// the stream is the end of the transfer. `expect`'s reply says which way the client reads.
// Started once per bench session by scripts/lab/client-service.ts; one request a line on stdin.
import { closeSync, fstatSync, openSync, readSync } from 'node:fs';
import net from 'node:net';
import { freemem } from 'node:os';
import { performance } from 'node:perf_hooks';
import { createInterface } from 'node:readline';
import { Worker } from 'node:worker_threads';
import type { ClientCommand, ClientReply, FetchRequest } from '../lab/client-protocol.ts';
import { createRing, CHECKED, ENDED, FILLED, LENGTHS, PAUSED, READS, slotBytes, slotCount, slotViews } from './ring.ts';
import { createVerifier, type Checked } from './verify.ts';
import { loadLibc, type Libc } from './blocking-receive.ts';

let protocol: 'tcp' | 'http' = 'tcp';
/** The file the transfers are compared with: a mapping of its page-cache pages, or a copy in memory (shared with the verifier of Node's socket path). */
let expected: { path: string; memory: Buffer } | null = null;
const ring = createRing();
const control = new Int32Array(ring.control);
const slots = slotViews(ring);
const onBun = (globalThis as { Bun?: unknown }).Bun !== undefined;
// Bun runs the worker's TypeScript itself; on Node 20 a worker thread does not inherit tsx's
// --import hook, so it loads its module through tsx's API.
const verifier = onBun
  ? new Worker(new URL('./verify-worker.ts', import.meta.url), { workerData: { ring } })
  : new Worker(`import(${JSON.stringify(import.meta.resolve('tsx/esm/api'))})
  .then(({ tsImport }) => tsImport(${JSON.stringify(import.meta.resolve('./verify-worker.ts'))}, ${JSON.stringify(import.meta.url)}))`,
  { eval: true, workerData: { ring } });

/**
 * Whether the next read may go into its slot. If not, PAUSED asks the verifier to say "slot-free"
 * when it frees one; if it freed one between the two loads and took PAUSED already, its message
 * is on the way, so wait for it. A message can also answer a slot this thread had already seen
 * freed (the verifier's store and its check of PAUSED are two steps), so a message is a reason to
 * ask again, never a licence to read.
 */
function slotFree(filled: number): boolean {
  if (filled - Atomics.load(control, CHECKED) < slotCount) return true;
  Atomics.store(control, PAUSED, 1);
  return filled - Atomics.load(control, CHECKED) < slotCount && Atomics.compareExchange(control, PAUSED, 1, 0) === 1;
}

/** What the verifier's messages go to: the paused socket of this transfer, and the verdict after it. */
let slotFreed = () => {};
let verdictArrived: (checked: Checked) => void = () => {};
let expecting: () => void = () => {};
verifier.on('message', (message: 'slot-free' | 'expecting' | Checked) => {
  if (message === 'slot-free') slotFreed();
  else if (message === 'expecting') expecting();
  else verdictArrived(message);
});

/** Below this much room left in a slot, the slot is handed to the verifier and the next one read into. */
const leastRead = 64 * 1024;

const blocking = await loadLibc();
const receiving = 'libc' in blocking
  ? `libc's blocking recv through ${blocking.through} on ${onBun ? `Bun ${process.versions.bun}` : `Node ${process.versions.node}`}, into one reused MiB`
  : `Node's socket through epoll (${blocking.unavailable})`;

/** The request an HTTP lab's server answers with the file; the server closes after it. */
const httpRequest = new TextEncoder().encode('GET / HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n');

/** What the blocking path reads into: one MiB, reused, so the bytes are still in the cache when checked. */
const readBuffer = Buffer.alloc(1 << 20);

/**
 * One response read by blocking recv calls, each read checked on this thread as soon as it
 * arrives (verify.ts). The check is inside the clock: on the project's 2 cores a second thread
 * for it ran slower (it competes with the server, and the bytes must cross to its core), while
 * comparing 1 MiB still in the cache costs a fraction of the kernel's copy into it.
 */
function receiveBlocking(libc: Libc, port: number): { seconds: number; checked: Checked } {
  const verify = createVerifier(protocol, expected?.memory ?? null);
  const started = performance.now();
  const fd = libc.connect(port);
  try {
    if (protocol === 'http') libc.send(fd, httpRequest);
    for (let got = libc.receive(fd, readBuffer); got > 0; got = libc.receive(fd, readBuffer)) verify.push(readBuffer.subarray(0, got));
  } finally {
    libc.close(fd);
  }
  const seconds = (performance.now() - started) / 1000;
  return { seconds, checked: verify.end() };
}

/** One response read by Node's socket (epoll) into the ring; resolves with the seconds until the server closed. */
function receiveEvented(port: number): Promise<number> {
  let filled = 0;
  let at = 0;
  /** Hands the slot being read into to the verifier; false when the next slot is not free yet. */
  const handOver = (): boolean => {
    control[LENGTHS + (filled % slotCount)] = at;
    control[READS + (filled % slotCount)] = filled;
    at = 0;
    Atomics.store(control, FILLED, ++filled);
    Atomics.notify(control, FILLED);
    return slotFree(filled);
  };
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const socket: net.Socket = net.connect({
      host: '127.0.0.1',
      port,
      onread: {
        buffer: () => slots.slot(filled).subarray(at),
        callback(bytes) {
          at += bytes;
          // false pauses the socket (net's onread contract) until slotFreed() resumes it.
          return slotBytes - at < leastRead ? handOver() : true;
        },
      },
    }, () => {
      if (protocol === 'http') socket.write('GET / HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n');
    });
    slotFreed = () => { if (slotFree(filled)) socket.resume(); };
    const ended = () => {
      socket.destroy();
      if (at > 0) handOver();
      Atomics.store(control, ENDED, 1);
      Atomics.notify(control, FILLED);
    };
    socket.on('end', () => {
      const seconds = (performance.now() - started) / 1000;
      ended();
      resolve(seconds);
    });
    socket.on('error', (error) => { ended(); reject(error); });
  });
}

async function transfer(request: FetchRequest): Promise<ClientReply> {
  if (request.protocol !== 'tcp' && request.protocol !== 'http') return { error: `the bench client reads tcp and http, not ${request.protocol}` };
  protocol = request.protocol;
  try {
    let seconds: number;
    let checked: Checked;
    if ('libc' in blocking) {
      ({ seconds, checked } = receiveBlocking(blocking.libc, request.port));
    } else {
      control.fill(0);
      const verdict = new Promise<Checked>((resolve) => { verdictArrived = resolve; });
      verifier.postMessage({ start: protocol });
      seconds = await receiveEvented(request.port);
      checked = await verdict;
    }
    if (checked.error) return { error: checked.error };
    if (expected) return { bytes: checked.bytes, compared: { against: expected.path, firstDifference: checked.firstDifference }, seconds };
    return { bytes: checked.bytes, sha256: checked.sha256 ?? '', seconds };
  } catch (error) {
    return { error: (error as Error).message };
  }
}

/** The mapping `expected` may be a view of, unmapped when the next file is expected. */
let mapping: { unmap(): void } | null = null;

/**
 * Loads the file every following transfer is compared with, into memory the verifier shares; or,
 * `shared` and on the blocking path where the FFI can map it, maps it read-only and shared: the
 * page cache's own pages, the ones the server's sendfile hands the socket and the kernel's recv
 * copy reads, so comparing reads them while they are still in the cache instead of a second copy
 * of the file from memory. The runner checks the file is unchanged after the transfers (sweep.ts).
 * A file that would take more than half the free memory is not loaded: transfers are then hashed.
 */
async function expect(path: string, shared: boolean): Promise<ClientReply> {
  mapping?.unmap();
  mapping = null;
  expected = null;
  const fd = openSync(path, 'r');
  try {
    const { size } = fstatSync(fd);
    const where = 'libc' in blocking ? 'on the receiving thread as each read arrives, inside the clock' : 'on its second thread, outside the clock';
    const told = new Promise<void>((resolve) => { expecting = resolve; });
    if (shared && 'libc' in blocking && blocking.libc.mapReadOnly && size > 0) {
      const mapped = blocking.libc.mapReadOnly(path, size);
      mapping = mapped;
      expected = { path, memory: Buffer.from(mapped.bytes.buffer, mapped.bytes.byteOffset, mapped.bytes.byteLength) };
      return { expecting: 'compare', mapped: true, receiving,
        note: `byte for byte against the data file's own page-cache pages, mapped read-only into the client, ${where} (memcmp speed, the pages still in the cache from the kernel's copy); the file's SHA-256 checked again after each size's rows` };
    }
    if (size > freemem() / 2) {
      verifier.postMessage({ expect: null });
      await told;
      return { expecting: 'sha256', note: `a ${size}-byte file would take more than half the free memory: transfers are checked by SHA-256 instead, ${'libc' in blocking ? 'on the receiving thread, inside the clock' : 'on its second thread'}`, receiving };
    }
    const memory = new SharedArrayBuffer(size);
    const view = new Uint8Array(memory);
    for (let at = 0; at < size;) {
      const read = readSync(fd, view, at, Math.min(size - at, 1 << 24), at);
      if (read === 0) throw new Error(`${path} ended at ${at} of ${size} bytes`);
      at += read;
    }
    expected = { path, memory: Buffer.from(memory) };
    verifier.postMessage({ expect: memory });
    await told;
    return { expecting: 'compare', note: `byte for byte against the file, held in the client's memory, ${where} (memcmp speed)`, receiving };
  } finally {
    closeSync(fd);
  }
}

// One request a line (scripts/lab/client-protocol.ts), one answer a line, for the bench's session.
for await (const line of createInterface({ input: process.stdin, crlfDelay: Infinity })) {
  if (!line.trim()) continue;
  let reply: ClientReply;
  try {
    const command = JSON.parse(line) as ClientCommand;
    reply = 'fetch' in command ? await transfer(command.fetch) : 'expect' in command ? await expect(command.expect, command.shared === true) : { error: 'the bench client fetches and expects, nothing else' };
  } catch (error) {
    reply = { error: (error as Error).message };
  }
  process.stdout.write(JSON.stringify(reply) + '\n');
}
await verifier.terminate();

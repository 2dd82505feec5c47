// The bench's client. Like scripts/lab/client.ts it is one Node process, the same for every runtime,
// and speaks the same lines to the runner ({"transfer":i,"bytes":n,"sha256":hex,"seconds":s}, then
// waits for a line on stdin), so the lab core's server driver drives it unchanged. It differs in what a
// benchmark needs on a 2-core machine, where the client, not the server, sets the pace:
// - the socket reads straight into a shared ring of 1 MiB slots (net's `onread`), so nothing is
//   allocated per chunk and no byte is copied after the kernel's own recv copy;
// - SHA-256 runs on a worker thread reading those slots in place, not on the receiving thread:
//   inline, the digest (about 1.7 GB/s here) serialised with receiving and held every method to
//   the client's speed; the worker also parses the HTTP framing, so this thread only receives;
// - the clock stops when the stream ends (the lab servers close after the file, and HTTP is asked
//   for Connection: close), and the digest is awaited after that, outside the timed window;
// - when every slot waits to be hashed, the socket is paused: memory stays at 8 MiB for any size.
// The hash still costs CPU while the transfer runs, on the second core, which the README says.
// Measured against the lab client on lab 02, 256 MiB, the same servers alternating (2 cores,
// other work running): Bun sendfile 648 -> 1544 MiB/s, Bun read-write 690 -> 1122, Node
// read-write 636 -> 687 (its server is the limit), Deno stream 775 -> 911 (medians of 6).
// Started once per bench session by scripts/lab/client-service.ts; one request a line on stdin.
import net from 'node:net';
import { performance } from 'node:perf_hooks';
import { createInterface } from 'node:readline';
import { Worker } from 'node:worker_threads';
import type { ClientCommand, ClientReply, FetchRequest } from '../lab/client-protocol.ts';
import { createRing, ENDED, FILLED, HASHED, LENGTHS, PAUSED, READS, slotCount, slotViews } from './ring.ts';

let protocol: 'tcp' | 'http' = 'tcp';
const ring = createRing();
const control = new Int32Array(ring.control);
const slots = slotViews(ring);
// A worker thread does not inherit tsx's --import hook on Node 20, so it loads its module through tsx's API.
const hasher = new Worker(`import(${JSON.stringify(import.meta.resolve('tsx/esm/api'))})
  .then(({ tsImport }) => tsImport(${JSON.stringify(import.meta.resolve('./hash-worker.ts'))}, ${JSON.stringify(import.meta.url)}))`,
{ eval: true, workerData: { ring } });

interface Digest { bytes: number; sha256: string; error: string | null }

/**
 * Whether the next read may go into its slot. If not, PAUSED asks the hasher to say "slot-free"
 * when it frees one; if it freed one between the two loads and took PAUSED already, its message
 * is on the way, so wait for it. A message can also answer a slot this thread had already seen
 * freed (the hasher's store and its check of PAUSED are two steps), so a message is a reason to
 * ask again, never a licence to read.
 */
function slotFree(filled: number): boolean {
  if (filled - Atomics.load(control, HASHED) < slotCount) return true;
  Atomics.store(control, PAUSED, 1);
  return filled - Atomics.load(control, HASHED) < slotCount && Atomics.compareExchange(control, PAUSED, 1, 0) === 1;
}

/** What the hasher's messages go to: the paused socket of this transfer, and the digest after it. */
let slotFreed = () => {};
let digestArrived: (digest: Digest) => void = () => {};
hasher.on('message', (message: 'slot-free' | Digest) => (message === 'slot-free' ? slotFreed() : digestArrived(message)));

/** Receives one response into the ring; resolves with the seconds until the server closed. */
function receive(port: number): Promise<number> {
  let filled = 0;
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const socket: net.Socket = net.connect({
      host: '127.0.0.1',
      port,
      onread: {
        buffer: () => slots.slot(filled),
        callback(bytes) {
          control[LENGTHS + (filled % slotCount)] = bytes;
          control[READS + (filled % slotCount)] = filled;
          Atomics.store(control, FILLED, ++filled);
          Atomics.notify(control, FILLED);
          // false pauses the socket (net's onread contract) until slotFreed() resumes it.
          return slotFree(filled);
        },
      },
    }, () => {
      if (protocol === 'http') socket.write('GET / HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n');
    });
    slotFreed = () => { if (slotFree(filled)) socket.resume(); };
    const ended = () => {
      socket.destroy();
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
    control.fill(0);
    const digest = new Promise<Digest>((resolve) => { digestArrived = resolve; });
    hasher.postMessage({ start: protocol });
    const seconds = await receive(request.port);
    const received = await digest;
    return received.error ? { error: received.error } : { bytes: received.bytes, sha256: received.sha256, seconds };
  } catch (error) {
    return { error: (error as Error).message };
  }
}

// One request a line (scripts/lab/client-protocol.ts), one answer a line, for the bench's session.
for await (const line of createInterface({ input: process.stdin, crlfDelay: Infinity })) {
  if (!line.trim()) continue;
  let reply: ClientReply;
  try {
    const command = JSON.parse(line) as ClientCommand;
    reply = 'fetch' in command ? await transfer(command.fetch) : { error: 'the bench client only fetches' };
  } catch (error) {
    reply = { error: (error as Error).message };
  }
  process.stdout.write(JSON.stringify(reply) + '\n');
}
await hasher.terminate();

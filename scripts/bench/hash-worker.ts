// The bench client's hashing thread: takes the HTTP response apart (response.ts) and hashes the
// body from the shared slots as the receiving thread fills them, then answers with the byte count
// and SHA-256 for the runner to check. It blocks in Atomics.wait while it has nothing to hash; the
// receiving thread, which must not block, learns of a freed slot by message ("slot-free") and
// only when it has paused for one — Atomics.waitAsync lost wake-ups on Node 20 under load.
import { createHash } from 'node:crypto';
import { parentPort, workerData } from 'node:worker_threads';
import type { Protocol } from '../../runtime-adapters/types.ts';
import { createResponseDecoder } from './response.ts';
import { ENDED, FILLED, HASHED, LENGTHS, PAUSED, READS, slotCount, slotViews, type Ring } from './ring.ts';

const { ring } = workerData as { ring: Ring };
const control = new Int32Array(ring.control);
const slots = slotViews(ring);

function hashOneTransfer(protocol: Protocol): { bytes: number; sha256: string; error: string | null } {
  const hash = createHash('sha256');
  let bytes = 0;
  const decoder = createResponseDecoder(protocol, (part) => { bytes += part.length; hash.update(part); });
  let overrun: string | null = null;
  for (let hashed = 0; ;) {
    const filled = Atomics.load(control, FILLED);
    if (hashed < filled) {
      const slot = hashed % slotCount;
      decoder.push(slots.slot(hashed).subarray(0, control[LENGTHS + slot]));
      // A slot refilled before (or while) it was hashed would pass for the server corrupting data.
      if (Atomics.load(control, READS + slot) !== hashed) overrun ??= `the bench client overran its buffer ring at read ${hashed}`;
      Atomics.store(control, HASHED, ++hashed);
      if (Atomics.compareExchange(control, PAUSED, 1, 0) === 1) parentPort!.postMessage('slot-free');
    } else if (Atomics.load(control, ENDED) && hashed === Atomics.load(control, FILLED)) {
      break;
    } else {
      // The timeout only covers an end signalled between the two loads above; it is never on the clock.
      Atomics.wait(control, FILLED, filled, 50);
    }
  }
  return { bytes, sha256: hash.digest('hex'), error: overrun ?? decoder.end() };
}

parentPort!.on('message', (message: { start: Protocol }) => parentPort!.postMessage(hashOneTransfer(message.start)));

// The bench client's verifying thread: takes the HTTP response apart (response.ts) and checks the
// body from the shared slots as the receiving thread fills them, then answers with what it found
// for the runner. Two ways to check, both of every byte:
// - compare: against the file itself, held in shared memory the client loaded before the timed
//   transfers (Buffer.equals is memcmp: many GB/s, so checking costs far less than the copy it
//   checks, and the receiving thread is never held up by it);
// - hash: SHA-256, where the file does not fit in the client's memory (about 1.7 GB/s here).
// It blocks in Atomics.wait while it has nothing to check; the receiving thread, which must not
// block, learns of a freed slot by message ("slot-free") and only when it has paused for one —
// Atomics.waitAsync lost wake-ups on Node 20 under load.
import { createHash } from 'node:crypto';
import { parentPort, workerData } from 'node:worker_threads';
import type { Protocol } from '../../runtime-adapters/types.ts';
import { createResponseDecoder } from './response.ts';
import { ENDED, FILLED, CHECKED, LENGTHS, PAUSED, READS, slotCount, slotViews, type Ring } from './ring.ts';

export interface Checked {
  bytes: number;
  /** With no file to compare against: the body's SHA-256. */
  sha256: string | null;
  /** Compared with the file: the offset of the first byte that differs (or the body runs past the file); null when none. */
  firstDifference: number | null;
  error: string | null;
}

const { ring } = workerData as { ring: Ring };
const control = new Int32Array(ring.control);
const slots = slotViews(ring);
let expected: Buffer | null = null;

/** The first offset where two equal-length views differ: only after equals() said they do. */
function firstDifferent(received: Uint8Array, wanted: Uint8Array): number {
  for (let i = 0; i < received.length; i++) if (received[i] !== wanted[i]) return i;
  return received.length;
}

function checkOneTransfer(protocol: Protocol): Checked {
  const hash = expected ? null : createHash('sha256');
  let bytes = 0;
  let firstDifference: number | null = null;
  const decoder = createResponseDecoder(protocol, (part) => {
    if (hash) hash.update(part);
    else if (expected && firstDifference === null) {
      const wanted = expected.subarray(bytes, bytes + part.length);
      const received = Buffer.from(part.buffer, part.byteOffset, part.byteLength);
      if (wanted.length < part.length) firstDifference = bytes + wanted.length;
      else if (!received.equals(wanted)) firstDifference = bytes + firstDifferent(received, wanted);
    }
    bytes += part.length;
  });
  let overrun: string | null = null;
  for (let checked = 0; ;) {
    const filled = Atomics.load(control, FILLED);
    if (checked < filled) {
      const slot = checked % slotCount;
      decoder.push(slots.slot(checked).subarray(0, control[LENGTHS + slot]));
      // A slot refilled before (or while) it was checked would pass for the server corrupting data.
      if (Atomics.load(control, READS + slot) !== checked) overrun ??= `the bench client overran its buffer ring at slot-fill ${checked}`;
      Atomics.store(control, CHECKED, ++checked);
      if (Atomics.compareExchange(control, PAUSED, 1, 0) === 1) parentPort?.postMessage('slot-free');
    } else if (Atomics.load(control, ENDED) && checked === Atomics.load(control, FILLED)) {
      break;
    } else {
      // The timeout only covers an end signalled between the two loads above; it is never on the clock.
      Atomics.wait(control, FILLED, filled, 50);
    }
  }
  return { bytes, sha256: hash ? hash.digest('hex') : null, firstDifference, error: overrun ?? decoder.end() };
}

parentPort?.on('message', (message: { start: Protocol } | { expect: SharedArrayBuffer | null }) => {
  if ('expect' in message) {
    expected = message.expect ? Buffer.from(message.expect) : null;
    parentPort?.postMessage('expecting');
  } else {
    parentPort?.postMessage(checkOneTransfer(message.start));
  }
});

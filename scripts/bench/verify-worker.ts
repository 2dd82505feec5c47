// The bench client's verifying thread, for Node's socket path (when no FFI gives the client a
// blocking recv): checks the response from the shared slots as the receiving thread fills them
// (verify.ts: compared with the file, or SHA-256), then answers with what it found. The
// receiving thread on that path must not block, so the verifier takes the checking off it.
// It blocks in Atomics.wait while it has nothing to check; the receiving thread learns of a
// freed slot by message ("slot-free") and only when it has paused for one — Atomics.waitAsync
// lost wake-ups on Node 20 under load.
import { parentPort, workerData } from 'node:worker_threads';
import type { Protocol } from '../../runtime-adapters/types.ts';
import { ENDED, FILLED, CHECKED, LENGTHS, PAUSED, READS, slotCount, slotViews, type Ring } from './ring.ts';
import { createVerifier, type Checked } from './verify.ts';

export type { Checked };

const { ring } = workerData as { ring: Ring };
const control = new Int32Array(ring.control);
const slots = slotViews(ring);
let expected: Buffer | null = null;

function checkOneTransfer(protocol: Protocol): Checked {
  const verifier = createVerifier(protocol, expected);
  let overrun: string | null = null;
  for (let checked = 0; ;) {
    const filled = Atomics.load(control, FILLED);
    if (checked < filled) {
      const slot = checked % slotCount;
      verifier.push(slots.slot(checked).subarray(0, control[LENGTHS + slot]));
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
  return verifier.end(overrun);
}

parentPort?.on('message', (message: { start: Protocol } | { expect: SharedArrayBuffer | null }) => {
  if ('expect' in message) {
    expected = message.expect ? Buffer.from(message.expect) : null;
    parentPort?.postMessage('expecting');
  } else {
    parentPort?.postMessage(checkOneTransfer(message.start));
  }
});

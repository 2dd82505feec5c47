// The memory the bench client's two threads share on Node's socket path (the blocking FFI path
// checks on its one thread and needs none): the receiving thread has the kernel copy each
// socket read straight into the next free slot, the verifying thread reads the same slot in place.
// Control words count slots filled and checked, so each side knows which slots it may touch;
// filled - checked never exceeds the slot count, so memory stays at slotCount × slotBytes whatever
// the file size. The receiving thread fills a slot with as many reads as fit before it hands the
// slot over, so the verifier is woken once per MiB, not once per read (a loopback read returns
// whatever has arrived, often a fifth of that).
export const slotCount = 16;
export const slotBytes = 1 << 20;

/** Indexes into the control words. */
export const FILLED = 0;
export const CHECKED = 1;
export const ENDED = 2;
/** Set by the receiving thread when it stops reading for want of a slot; the verifier clears it and says so. */
export const PAUSED = 3;
/** Then one word per slot: how many bytes its reads put in it. */
export const LENGTHS = 4;
/** Then one word per slot: which slot-fill (counting from 0) it holds, so the verifier can prove it was not overrun. */
export const READS = LENGTHS + slotCount;

export interface Ring {
  memory: SharedArrayBuffer;
  control: SharedArrayBuffer;
}

export function createRing(): Ring {
  return { memory: new SharedArrayBuffer(slotCount * slotBytes), control: new SharedArrayBuffer(4 * (READS + slotCount)) };
}

/** A view of each slot; `slot(i)` takes any read counter and wraps it round the ring. */
export function slotViews(ring: Ring): { slot(read: number): Uint8Array } {
  const views = Array.from({ length: slotCount }, (_, slot) => new Uint8Array(ring.memory, slot * slotBytes, slotBytes));
  return { slot: (read) => views[read % slotCount] ?? new Uint8Array(0) };
}

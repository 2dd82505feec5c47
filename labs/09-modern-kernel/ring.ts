// An io_uring instance set up by hand, as io_uring_setup(2) describes it: glibc wraps none of the
// io_uring calls, so they go through syscall(2), and liburing's helpers are inline functions, so
// there is nothing to call in their place. The SQ and CQ rings share one mapping
// (IORING_FEAT_SINGLE_MMAP); the SQE array is a second one.
//
// The ring is made with IORING_SETUP_SINGLE_ISSUER | IORING_SETUP_DEFER_TASKRUN (Linux 6.1) and
// without SQPOLL: the kernel then reads the SQ ring only inside this thread's io_uring_enter, and
// posts completions only from this task, inside io_uring_enter(IORING_ENTER_GETEVENTS)
// (io_uring/io_uring.c io_uring_create: task_complete, lockless_cq). Nothing writes the rings
// while the lab reads them, so plain copies in program order are correct on any architecture,
// where a ring shared with other CPUs would need liburing's acquire/release pairs.
import { constants } from 'node:os';
import { check, syscallError } from './kernel/errors.ts';
import { allocate, load, release, store, writeAddress, type NativeMemory } from './kernel/memory.ts';
import type { Libc } from './kernel/types.ts';
import { parseCqe, type Completion } from './cqe.ts';
import {
  IORING_ENTER_EXT_ARG, IORING_ENTER_GETEVENTS, IORING_FEAT_EXT_ARG, IORING_FEAT_NODROP, IORING_FEAT_SINGLE_MMAP, IORING_OFF_SQES,
  IORING_OFF_SQ_RING, IORING_SETUP_CQSIZE, IORING_SETUP_DEFER_TASKRUN, IORING_SETUP_SINGLE_ISSUER, MAP_POPULATE, MAP_SHARED, PROT_READ,
  PROT_WRITE, SYS_io_uring_enter, SYS_io_uring_setup, cqringOffsets, kernelTimespec, sqringOffsets, uringCqe, uringGeteventsArg,
  uringParams, uringSqe,
} from './layouts.ts';

const { EINTR, ETIME } = constants.errno;

export interface Ring {
  fd: number;
  /** Put one SQE in the next free slot; `fill` writes its fields into a zeroed 64-byte view. */
  prepare(fill: (sqe: DataView) => void): void;
  /**
   * Submit what was prepared and wait until at least `wanted` CQEs are ready or `timeoutMs` has
   * passed; the caller judges by the CQEs it then reaps.
   */
  enter(wanted: number, timeoutMs: number): void;
  /** Every CQE the kernel has posted, in order, copied out of the ring before its slot is freed. */
  reap(): Completion[];
  close(): void;
}

interface Mapping { address: number; size: number }

function mapRing(libc: Libc, fd: number, size: number, offset: number, what: string): Mapping {
  return { address: check(libc, libc.mmap(0, size, PROT_READ | PROT_WRITE, MAP_SHARED | MAP_POPULATE, fd, offset), `mmap(${what})`), size };
}

/** Reads and writes of single ring words, through one 4-byte buffer. */
function words(libc: Libc) {
  const word = new Uint8Array(4);
  const view = new DataView(word.buffer);
  return {
    get(address: number): number {
      libc.read(address, word);
      return view.getUint32(0, true);
    },
    set(address: number, value: number): void {
      view.setUint32(0, value >>> 0, true);
      libc.write(address, word);
    },
  };
}

const requiredFeatures = [
  [IORING_FEAT_SINGLE_MMAP, 'IORING_FEAT_SINGLE_MMAP (5.4)'],
  [IORING_FEAT_NODROP, 'IORING_FEAT_NODROP (5.5)'],
  [IORING_FEAT_EXT_ARG, 'IORING_FEAT_EXT_ARG (5.11)'],
] as const;

/** io_uring_setup with `entries` SQEs and `cqEntries` CQEs (notifications can outnumber sends in flight). */
export function setupRing(libc: Libc, entries: number, cqEntries: number): Ring {
  const params = allocate(libc, uringParams.size);
  const owned: NativeMemory[] = [];
  const mappings: Mapping[] = [];
  let fd = -1;
  // Idempotent: each mapping, fd and allocation is given back once, however often close() is called;
  // a closed ring refuses further use rather than touch memory it has freed.
  let closed = false;
  const usable = () => { if (closed) throw new Error('the io_uring ring is closed'); };
  const undo = () => {
    closed = true;
    for (const mapping of mappings.splice(0)) libc.munmap(mapping.address, mapping.size);
    if (fd >= 0) libc.close(fd);
    fd = -1;
    for (const memory of owned.splice(0)) release(libc, memory);
  };
  try {
    params.data.setUint32(uringParams.flags, IORING_SETUP_CQSIZE | IORING_SETUP_SINGLE_ISSUER | IORING_SETUP_DEFER_TASKRUN, true);
    params.data.setUint32(uringParams.cqEntries, cqEntries, true);
    store(libc, params);
    fd = check(libc, libc.syscall(SYS_io_uring_setup, entries, params.address, 0, 0, 0, 0), 'io_uring_setup');
    load(libc, params);
    const features = params.data.getUint32(uringParams.features, true);
    const missing = requiredFeatures.filter(([bit]) => !(features & bit)).map(([, name]) => name);
    if (missing.length) throw new Error(`this kernel's io_uring lacks ${missing.join(', ')}`);
    const sq = (field: number) => params.data.getUint32(uringParams.sqOff + field, true);
    const cq = (field: number) => params.data.getUint32(uringParams.cqOff + field, true);
    const sqEntries = params.data.getUint32(uringParams.sqEntries, true);
    const cqCount = params.data.getUint32(uringParams.cqEntries, true);
    const rings = mapRing(libc, fd, Math.max(sq(sqringOffsets.array) + sqEntries * 4, cq(cqringOffsets.cqes) + cqCount * uringCqe.size), IORING_OFF_SQ_RING, 'IORING_OFF_SQ_RING');
    mappings.push(rings);
    const sqes = mapRing(libc, fd, sqEntries * uringSqe.size, IORING_OFF_SQES, 'IORING_OFF_SQES');
    mappings.push(sqes);
    const word = words(libc);
    const at = (offset: number) => rings.address + offset;
    const [sqHead, sqTail, sqArray] = [at(sq(sqringOffsets.head)), at(sq(sqringOffsets.tail)), at(sq(sqringOffsets.array))];
    const [cqHead, cqTail, cqes] = [at(cq(cqringOffsets.head)), at(cq(cqringOffsets.tail)), at(cq(cqringOffsets.cqes))];
    const sqMask = word.get(at(sq(sqringOffsets.ringMask)));
    const cqMask = word.get(at(cq(cqringOffsets.ringMask)));
    const argument = allocate(libc, uringGeteventsArg.size);
    owned.push(argument);
    const timeout = allocate(libc, kernelTimespec.size);
    owned.push(timeout);
    writeAddress(argument.data, uringGeteventsArg.ts, timeout.address);
    store(libc, argument);
    const sqe = new Uint8Array(uringSqe.size);
    const cqe = new Uint8Array(uringCqe.size);
    const ringFd = fd;
    let pending = 0;
    const enter = (toSubmit: number, wanted: number): number => {
      for (;;) {
        const result = libc.syscall(SYS_io_uring_enter, ringFd, toSubmit, wanted, IORING_ENTER_GETEVENTS | IORING_ENTER_EXT_ARG, argument.address, uringGeteventsArg.size);
        if (result !== -1) return result;
        const errno = libc.errno();
        if (errno === ETIME) return 0;
        if (errno !== EINTR) throw syscallError(libc, 'io_uring_enter', errno);
      }
    };
    return {
      fd,
      prepare(fill) {
        usable();
        const tail = word.get(sqTail);
        if (((tail - word.get(sqHead)) >>> 0) >= sqEntries) throw new Error('the submission queue is full');
        const index = tail & sqMask;
        sqe.fill(0);
        fill(new DataView(sqe.buffer));
        libc.write(sqes.address + index * uringSqe.size, sqe);
        word.set(sqArray + index * 4, index);
        word.set(sqTail, tail + 1);
        pending += 1;
      },
      enter(wanted, timeoutMs) {
        usable();
        timeout.data.setBigInt64(kernelTimespec.seconds, BigInt(Math.floor(timeoutMs / 1000)), true);
        timeout.data.setBigInt64(kernelTimespec.nanoseconds, BigInt(Math.round(timeoutMs % 1000) * 1e6), true);
        store(libc, timeout);
        // With SQEs to submit, io_uring_enter returns how many it took (and hides a wait that timed out).
        const submitted = enter(pending, wanted);
        if (pending > 0 && submitted !== pending) throw new Error(`io_uring_enter submitted ${submitted} of ${pending} SQEs`);
        pending = 0;
      },
      reap() {
        usable();
        const completions: Completion[] = [];
        let head = word.get(cqHead);
        for (const tail = word.get(cqTail); head !== tail; head = (head + 1) >>> 0) {
          libc.read(cqes + (head & cqMask) * uringCqe.size, cqe);
          completions.push(parseCqe(cqe));
        }
        word.set(cqHead, head);
        return completions;
      },
      close: undo,
    };
  } catch (error) {
    undo();
    throw error;
  } finally {
    release(libc, params);
  }
}

// io_uring's zero-copy send (IORING_OP_SEND_ZC, Linux 6.0; io_uring_enter(2)): each SQE names a
// range of the file's mapping, and the kernel answers twice, with the bytes it sent and later
// with a notification that it has let go of the pages. IORING_SEND_ZC_REPORT_USAGE makes that
// notification say whether it copied them instead ("zerocopy is not guaranteed and may fall back
// to copying"). strace sees only io_uring_enter, so the bytes reported here, summed from the
// kernel's own result CQEs, are the only count of what this method sent.
import { constants } from 'node:os';
import type { TransferReport } from '../protocol.ts';
import { SyscallError, describeErrno, syscallError } from './kernel/errors.ts';
import { allocate, load, release } from './kernel/memory.ts';
import type { Libc } from './kernel/types.ts';
import type { Completion } from './cqe.ts';
import { mapFile, slice, unmap, type DataFile } from './file.ts';
import { IORING_OP_SEND_ZC, IORING_REGISTER_PROBE, IORING_SEND_ZC_REPORT_USAGE, IO_URING_OP_SUPPORTED, MSG_NOSIGNAL, SYS_io_uring_register, uringProbe, uringSqe } from './layouts.ts';
import { setupRing, type Ring } from './ring.ts';
import { readSysctl } from './sysctl.ts';

const { EINVAL, ENOMEM, ENOSYS, EOPNOTSUPP, EPERM } = constants.errno;

/** How long one completion may take: a send to a reading client on loopback takes far less. */
const completionTimeoutMs = 30_000;

/** Why io_uring_setup failed, in the words an administrator would act on. */
function setupRefused(libc: Libc, error: SyscallError): string {
  if (error.errno === ENOSYS) return `${error.message}: this kernel has no io_uring (built without CONFIG_IO_URING, or older than Linux 5.1)`;
  if (error.errno === EINVAL) return `${error.message}: this kernel may predate IORING_SETUP_DEFER_TASKRUN (Linux 6.1), which lab 09's ring relies on`;
  if (error.errno !== EPERM) return error.message;
  // kernel.io_uring_disabled (Documentation/admin-guide/sysctl/kernel.rst): 0 all may create rings,
  // 1 only CAP_SYS_ADMIN and the kernel.io_uring_group, 2 nobody.
  const disabled = readSysctl('kernel/io_uring_disabled');
  const why = disabled === '2' ? 'kernel.io_uring_disabled is 2: io_uring is switched off for every process'
    : disabled === '1' ? 'kernel.io_uring_disabled is 1: only CAP_SYS_ADMIN and members of kernel.io_uring_group may create rings'
      : disabled === '0' ? 'kernel.io_uring_disabled is 0, so a seccomp filter refuses it (Docker\'s default profile blocks io_uring)'
        : 'kernel.io_uring_disabled forbids it (2, or 1 outside kernel.io_uring_group), or a seccomp filter such as Docker\'s default profile blocks io_uring';
  return `${error.message}: ${why}`;
}

/** IORING_REGISTER_PROBE: does this kernel's io_uring know IORING_OP_SEND_ZC? */
function supportsSendZc(libc: Libc, ring: Ring): boolean | SyscallError {
  const slots = 256;
  const probe = allocate(libc, uringProbe.size + slots * uringProbe.opSize);
  try {
    if (libc.syscall(SYS_io_uring_register, ring.fd, IORING_REGISTER_PROBE, probe.address, slots, 0, 0) === -1) {
      return syscallError(libc, 'io_uring_register(IORING_REGISTER_PROBE)');
    }
    load(libc, probe);
    const known = probe.data.getUint8(uringProbe.opsLength);
    return IORING_OP_SEND_ZC < known && (probe.data.getUint16(uringProbe.ops + IORING_OP_SEND_ZC * uringProbe.opSize + uringProbe.opFlags, true) & IO_URING_OP_SUPPORTED) !== 0;
  } finally {
    release(libc, probe);
  }
}

function sendFailed(libc: Libc, errno: number): Error {
  const hint = errno === EOPNOTSUPP ? ': this socket\'s protocol has no zero-copy send'
    : errno === EINVAL ? ': this kernel\'s SEND_ZC may predate IORING_SEND_ZC_REPORT_USAGE (Linux 6.2)'
      : errno === ENOMEM ? ' with no send outstanding: the locked-memory limit (ulimit -l) is too small for one chunk' : '';
  return new Error(`IORING_OP_SEND_ZC: ${describeErrno(libc, errno)}${hint}`);
}

export interface UringSender {
  /** The whole file over `socket`, one SEND_ZC at a time, and what the kernel's CQEs said. */
  send(socket: number, file: DataFile, chunk: number): TransferReport;
}

/**
 * The ring this server sends through, set up once before "ready" (the setup is the probe), or why
 * there can be none. user_data numbers the sends across transfers, so a completion a failed
 * transfer left behind is never counted in the next one.
 */
export function uringSender(libc: Libc): UringSender | { unavailable: string } {
  let ring: Ring;
  try {
    // 8 SQEs (one send is in flight at a time) and room for many notifications not yet reaped.
    ring = setupRing(libc, 8, 256);
  } catch (error) {
    return { unavailable: error instanceof SyscallError && error.call === 'io_uring_setup' ? setupRefused(libc, error) : (error as Error).message };
  }
  const supported = supportsSendZc(libc, ring);
  if (supported !== true) {
    ring.close();
    return { unavailable: supported === false ? 'this kernel\'s io_uring has no IORING_OP_SEND_ZC (added in Linux 6.0)' : supported.message };
  }
  let nextId = 0;
  return {
    send(socket, file, chunk) {
      const firstId = nextId;
      const mapping = mapFile(libc, file);
      const results = new Map<number, Completion>();
      /** Send id -> whether its notification said the kernel copied. */
      const notified = new Map<number, boolean>();
      /** Sends whose result promised a notification (IORING_CQE_F_MORE), sent or refused. */
      const promised = new Set<number>();
      const sent: number[] = [];
      let bytes = 0;
      const absorb = () => {
        for (const completion of ring.reap()) {
          if (completion.userData < firstId) continue;
          if (completion.kind === 'result') results.set(completion.userData, completion);
          else notified.set(completion.userData, completion.copied);
        }
      };
      const outstanding = () => [...promised].filter((id) => !notified.has(id)).length;
      const waitFor = (done: () => boolean, what: string) => {
        for (const deadline = Date.now() + completionTimeoutMs; !done();) {
          const left = deadline - Date.now();
          if (left <= 0) throw new Error(`${what}: no completion within ${completionTimeoutMs / 1000} s`);
          ring.enter(1, left);
          absorb();
        }
      };
      try {
        for (let offset = 0; offset < mapping.size;) {
          const length = Math.min(chunk, mapping.size - offset);
          const id = nextId++;
          const address = slice(mapping, offset, length);
          const releasedBefore = notified.size;
          // What io_uring_prep_send_zc(sqe, socket, buf, len, MSG_NOSIGNAL, IORING_SEND_ZC_REPORT_USAGE)
          // writes (liburing.h): opcode, fd, addr, len, msg_flags, ioprio; off (addr2) stays 0.
          ring.prepare((sqe) => {
            sqe.setUint8(uringSqe.opcode, IORING_OP_SEND_ZC);
            sqe.setUint16(uringSqe.ioprio, IORING_SEND_ZC_REPORT_USAGE, true);
            sqe.setInt32(uringSqe.fd, socket, true);
            sqe.setBigUint64(uringSqe.addr, BigInt(address), true);
            sqe.setUint32(uringSqe.len, length, true);
            sqe.setUint32(uringSqe.msgFlags, MSG_NOSIGNAL, true);
            sqe.setBigUint64(uringSqe.userData, BigInt(id), true);
          });
          ring.enter(1, completionTimeoutMs);
          absorb();
          waitFor(() => results.has(id), `SEND_ZC ${id - firstId}`);
          const result = results.get(id)!;
          // A request that will be followed by a notification says so, even when it failed.
          if (result.kind === 'result' && result.more) promised.add(id);
          if (result.res === -ENOMEM) {
            // Without CAP_IPC_LOCK the pinned pages (and the ring's own) count against
            // RLIMIT_MEMLOCK (io_uring_create: ctx->user), and a send past it fails with ENOMEM.
            // Each notification gives its pages back first (io_uring/notif.c), so the range is
            // sent again once another send's notification has come, or has come since.
            const releasedSince = () => [...notified.keys()].filter((other) => other !== id).length > releasedBefore;
            if (releasedSince()) continue;
            if (outstanding() > (promised.has(id) && !notified.has(id) ? 1 : 0)) {
              waitFor(releasedSince, 'SEND_ZC waiting for pinned pages to come back');
              continue;
            }
          }
          if (result.res < 0) throw sendFailed(libc, -result.res);
          if (result.res === 0) throw new Error(`IORING_OP_SEND_ZC sent 0 of ${length} bytes: the connection is gone`);
          // A short send is not an error for a stream socket: the rest goes in the next SQE.
          sent.push(id);
          offset += result.res;
          bytes += result.res;
        }
        waitFor(() => outstanding() === 0, 'the last SEND_ZC notifications');
      } catch (error) {
        // A failed send may still be notified: one look, without waiting, before giving up on it.
        try {
          ring.enter(0, 0);
          absorb();
        } catch {
          // The transfer's own error is the one to report.
        }
        throw error;
      } finally {
        // As with MSG_ZEROCOPY, pages are unmapped only after the kernel has released them.
        if (outstanding() === 0) unmap(libc, mapping);
      }
      // The report counts the sends that moved bytes; a refused one's notification only gave
      // back what it had pinned, and says "copied" because nothing went zero-copy.
      const notifications = sent.filter((id) => notified.has(id)).length;
      const copiedSends = sent.filter((id) => notified.get(id) === true).length;
      return {
        zerocopy: { sends: sent.length, notifications, copiedSends, copied: sent.length > 0 && copiedSends === sent.length },
        uring: { submissions: nextId - firstId, bytes },
      };
    },
  };
}

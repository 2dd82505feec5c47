// Whether strace can watch a lab here, and how to wrap a server in it. Tracing is optional: a lab
// without it still runs and times, and the reader is told exactly how to get the counts.
import { platform } from 'node:os';
import { capture } from './processes.ts';
import type { Command } from '../../runtime-adapters/types.ts';

export type Tracing =
  | { available: true; strace: string }
  | { available: false; reason: string; fix: string };

/** The I/O syscalls the ledger reads (DESIGN.md "Counting copies"). */
const tracedSyscalls = [
  'read', 'pread64', 'readv', 'preadv', 'preadv2', 'write', 'pwrite64', 'writev', 'pwritev', 'pwritev2',
  'sendto', 'sendmsg', 'sendmmsg', 'recvfrom', 'recvmsg', 'recvmmsg', 'sendfile', 'splice', 'tee', 'vmsplice',
  'copy_file_range', 'mmap', 'munmap', 'io_uring_enter',
];

export async function probeTracing(strace = process.env.WORKBOOK_STRACE ?? 'strace'): Promise<Tracing> {
  if (platform() !== 'linux') {
    return {
      available: false,
      reason: `tracing needs Linux's strace, and this is ${platform()}`,
      fix: 'run the labs in a Linux VM or container to see the syscall counts (on macOS, dtruss needs SIP disabled and is not supported here)',
    };
  }
  const probe = await capture(strace, ['-f', '-qq', '-o', '/dev/null', '--', 'true']).catch(() => null);
  if (!probe || probe.code === null || /not found|ENOENT/i.test(probe.stderr) || probe.code === 127) {
    return { available: false, reason: 'strace is not installed', fix: 'install it: sudo apt-get install strace (Debian/Ubuntu) or sudo dnf install strace' };
  }
  if (probe.code !== 0) {
    const said = probe.stderr.trim().split('\n')[0];
    return {
      available: false,
      reason: `strace cannot trace here (${said})`,
      fix: /not permitted|EPERM/i.test(probe.stderr)
        ? 'ptrace is denied: in Docker run with --cap-add=SYS_PTRACE; or, if Yama blocks it (ptrace_scope 2 or 3), sudo sysctl kernel.yama.ptrace_scope=1 lets a process trace its own children'
        : 'check that `strace -f true` works in this shell',
    };
  }
  return { available: true, strace };
}

/** The server, wrapped: -f follows every thread (libuv's pool, Bun's and Deno's workers), -yy names each fd. */
export function traced(command: Command, traceFile: string, strace: string): Command {
  return {
    file: strace,
    args: ['-f', '-yy', '-s0', '-qq', '-e', `trace=${tracedSyscalls.join(',')}`, '-o', traceFile, '--', command.file, ...command.args],
    env: command.env,
  };
}

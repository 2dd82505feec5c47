// A kernel without io_uring, SO_ZEROCOPY or kTLS, played by a stubbed C library: each method says
// it is unavailable, with the call, the errno's name and its meaning, and nothing throws or leaks
// an fd. And the launch details that keep FFI narrow: Deno gets --allow-ffi only when asked.
import { constants } from 'node:os';
import process from 'node:process';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { loadLibc } from '../labs/09-modern-kernel/kernel/load.ts';
import type { Libc } from '../labs/09-modern-kernel/kernel/types.ts';
import { probeKtls } from '../labs/09-modern-kernel/ktls.ts';
import { SOL_SOCKET, SOL_TCP, SO_ZEROCOPY, SYS_io_uring_setup, TCP_ULP, POLLIN, pollfd } from '../labs/09-modern-kernel/layouts.ts';
import { ffiMethods } from '../labs/09-modern-kernel/methods.ts';
import { adapters } from '../runtime-adapters/index.ts';
import { must } from './fixtures.ts';

const { ENOENT, ENOPROTOOPT, ENOSYS, EPERM } = constants.errno;
const texts: Record<number, string> = { [ENOENT]: 'No such file or directory', [ENOPROTOOPT]: 'Protocol not available', [ENOSYS]: 'Function not implemented', [EPERM]: 'Operation not permitted' };

interface Stub { libc: Libc; open: Set<number> }

/**
 * A C library in JS: memory is a map of JS buffers at made-up addresses, sockets are numbers, and
 * every call succeeds unless `fails` says otherwise (then it returns -1 and leaves that errno).
 */
function stubLibc(fails: (call: string, args: number[]) => number | null): Stub {
  const heap = new Map<number, Uint8Array>();
  const open = new Set<number>();
  let nextAddress = 0x10000;
  let nextFd = 3;
  let errno = 0;
  const block = (address: number, length: number) => {
    for (const [base, bytes] of heap) if (address >= base && address + length <= base + bytes.length) return bytes.subarray(address - base, address - base + length);
    throw new Error(`the stub has no memory at ${address} (+${length})`);
  };
  const call = (name: string, result: (...args: number[]) => number) => (...args: number[]) => {
    const failure = fails(name, args);
    if (failure !== null) { errno = failure; return -1; }
    return result(...args);
  };
  const newFd = () => { const fd = nextFd++; open.add(fd); return fd; };
  const libc: Libc = {
    errno: () => errno,
    strerror: (code) => texts[code] ?? `errno ${code}`,
    socket: call('socket', newFd),
    bind: call('bind', () => 0),
    listen: call('listen', () => 0),
    connect: call('connect', () => 0),
    getsockname: call('getsockname', () => 0),
    accept4: call('accept4', newFd),
    setsockopt: call('setsockopt', () => 0),
    // A connection is always waiting: revents = POLLIN.
    poll: call('poll', (fds) => {
      const entry = block(fds, pollfd.size);
      new DataView(entry.buffer, entry.byteOffset, entry.byteLength).setInt16(pollfd.revents, POLLIN, true);
      return 1;
    }),
    close: (fd) => { open.delete(fd); return 0; },
    open: call('open', newFd),
    lseek: call('lseek', () => 0),
    mmap: call('mmap', () => -1),
    munmap: call('munmap', () => 0),
    sendfile: call('sendfile', () => 0),
    pipe2: call('pipe2', () => 0),
    fcntl: call('fcntl', () => 0),
    splice: call('splice', () => 0),
    send: call('send', () => 0),
    recvmsg: call('recvmsg', () => 0),
    syscall: call('syscall', newFd),
    ioctl: call('ioctl', () => 0),
    calloc: (size) => { const address = nextAddress; nextAddress += size + 4096; heap.set(address, new Uint8Array(size)); return address; },
    free: (address) => { heap.delete(address); },
    read: (address, into) => into.set(block(address, into.byteLength)),
    write: (address, from) => block(address, from.byteLength).set(from),
  };
  return { libc, open };
}

function prepared(method: string, stub: Stub): string {
  let outcome: ReturnType<(typeof ffiMethods)[string]> | undefined;
  const prepare = must(ffiMethods[method], `the method ${method}`);
  assert.not.throws(() => { outcome = prepare(stub.libc); });
  assert.ok(outcome && 'unavailable' in outcome, `${method} should be unavailable`);
  return (outcome as { unavailable: string }).unavailable;
}

test('io_uring_setup refused with EPERM: io-uring-send-zc is unavailable, naming the sysctl or seccomp', () => {
  const stub = stubLibc((call, [number]) => (call === 'syscall' && number === SYS_io_uring_setup ? EPERM : null));
  const reason = prepared('io-uring-send-zc', stub);
  assert.match(reason, 'io_uring_setup: EPERM (Operation not permitted)');
  assert.match(reason, /kernel\.io_uring_disabled|seccomp/);
});

test('a kernel without io_uring (ENOSYS) says so', () => {
  const reason = prepared('io-uring-send-zc', stubLibc((call) => (call === 'syscall' ? ENOSYS : null)));
  assert.match(reason, 'io_uring_setup: ENOSYS (Function not implemented): this kernel has no io_uring');
});

test('SO_ZEROCOPY refused with ENOPROTOOPT: msg-zerocopy is unavailable, and its probe socket is closed', () => {
  const stub = stubLibc((call, [, level, name]) => (call === 'setsockopt' && level === SOL_SOCKET && name === SO_ZEROCOPY ? ENOPROTOOPT : null));
  const reason = prepared('msg-zerocopy', stub);
  assert.match(reason, 'setsockopt(SOL_SOCKET, SO_ZEROCOPY): ENOPROTOOPT (Protocol not available): this kernel predates MSG_ZEROCOPY');
  assert.is(stub.open.size, 0, 'no fd left open');
});

test('TCP_ULP "tls" refused with ENOENT: the kTLS probe reports it absent, with the reason', () => {
  const stub = stubLibc((call, [, level, name]) => (call === 'setsockopt' && level === SOL_TCP && name === TCP_ULP ? ENOENT : null));
  let probe: ReturnType<typeof probeKtls> | undefined;
  assert.not.throws(() => { probe = probeKtls(stub.libc); });
  assert.is(probe!.available, false);
  assert.match(probe!.detail, 'setsockopt(SOL_TCP, TCP_ULP, "tls"): ENOENT (No such file or directory): this kernel has no kTLS');
  assert.match(probe!.detail, 'CONFIG_TLS');
  assert.is(stub.open.size, 0, 'the loopback pair is closed');
});

test('where TCP_ULP "tls" is accepted, the probe says kTLS is available and what it would change', () => {
  const probe = probeKtls(stubLibc(() => null).libc);
  assert.is(probe.available, true);
  assert.match(probe.detail, 'sendfile');
});

test('not Linux: the lab says which system it is on instead of calling anything', async () => {
  const platform = Object.getOwnPropertyDescriptor(process, 'platform')!;
  Object.defineProperty(process, 'platform', { value: 'darwin' });
  try {
    assert.equal(await loadLibc('libc.so.6'), { unavailable: 'lab 09 calls Linux syscalls through FFI; this is darwin' });
  } finally {
    Object.defineProperty(process, 'platform', platform);
  }
});

test('Deno is granted FFI for exactly the libraries named, and only when a lab asks', () => {
  const ffiFlags = (args: string[]) => args.filter((arg) => arg.startsWith('--allow-ffi'));
  assert.equal(ffiFlags(adapters.deno.command('/lab/server.ts', [], { readPaths: ['/lab'] }).args), []);
  assert.equal(ffiFlags(adapters.deno.command('/lab/server.ts', [], { readPaths: ['/lab'], ffi: ['/usr/lib/libc.so.6'] }).args), ['--allow-ffi=/usr/lib/libc.so.6']);
});

test.run();

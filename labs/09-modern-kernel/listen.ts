// The lab's own TCP sockets, made through FFI so the methods own their file descriptors: no
// runtime's public API hands out a socket's fd (Node's socket._handle.fd is internal, Deno has
// resource ids), and a runtime's socket is non-blocking and watched by its event loop. Here: a
// listener on 127.0.0.1 and an ephemeral port, one blocking connection accepted per transfer, and
// a connected loopback pair for the kTLS probe.
import { check, checkRetrying } from './kernel/errors.ts';
import { allocate, load, release, store } from './kernel/memory.ts';
import type { Libc } from './kernel/types.ts';
import { AF_INET, INADDR_LOOPBACK, POLLIN, SOCK_CLOEXEC, SOCK_STREAM, pollfd, sockaddrIn } from './layouts.ts';

export interface Listener { fd: number; port: number }

function loopbackAddress(libc: Libc, port: number) {
  const address = allocate(libc, sockaddrIn.size);
  address.data.setUint16(sockaddrIn.family, AF_INET, true);
  address.data.setUint16(sockaddrIn.port, port, false);
  address.data.setUint32(sockaddrIn.address, INADDR_LOOPBACK, false);
  store(libc, address);
  return address;
}

export function tcpSocket(libc: Libc): number {
  return check(libc, libc.socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0), 'socket(AF_INET, SOCK_STREAM)');
}

/** Closes an fd whatever happens next: a failed close here has nothing left to protect. */
export function closeQuietly(libc: Libc, fd: number): void {
  if (fd >= 0) libc.close(fd);
}

export function listenLoopback(libc: Libc): Listener {
  const fd = tcpSocket(libc);
  const address = loopbackAddress(libc, 0);
  const length = allocate(libc, 4);
  try {
    check(libc, libc.bind(fd, address.address, sockaddrIn.size), 'bind(127.0.0.1:0)');
    check(libc, libc.listen(fd, 16), 'listen');
    length.data.setUint32(0, sockaddrIn.size, true);
    store(libc, length);
    check(libc, libc.getsockname(fd, address.address, length.address), 'getsockname');
    load(libc, address);
    return { fd, port: address.data.getUint16(sockaddrIn.port, false) };
  } catch (error) {
    closeQuietly(libc, fd);
    throw error;
  } finally {
    release(libc, address);
    release(libc, length);
  }
}

/** Waits up to `timeoutMs` for `events` on one fd; returns the revents (0 when the time ran out). */
export function pollOne(libc: Libc, fd: number, events: number, timeoutMs: number): number {
  const entry = allocate(libc, pollfd.size);
  try {
    entry.data.setInt32(pollfd.fd, fd, true);
    entry.data.setInt16(pollfd.events, events, true);
    store(libc, entry);
    const ready = checkRetrying(libc, 'poll', () => libc.poll(entry.address, 1, timeoutMs));
    if (ready === 0) return 0;
    load(libc, entry);
    return entry.data.getUint16(pollfd.revents, true);
  } finally {
    release(libc, entry);
  }
}

/**
 * One connection from the listener's backlog. The runner sends "go" and then lets its client
 * connect, so the wait is bounded rather than forever: a client that never comes is an error.
 */
export function acceptOne(libc: Libc, listener: Listener, timeoutMs: number): number {
  if (!(pollOne(libc, listener.fd, POLLIN, timeoutMs) & POLLIN)) throw new Error(`no client connected to 127.0.0.1:${listener.port} within ${timeoutMs / 1000} s`);
  return checkRetrying(libc, 'accept4', () => libc.accept4(listener.fd, 0, 0, SOCK_CLOEXEC));
}

export interface LoopbackPair { listener: Listener; client: number; server: number }

/** A connected TCP pair over 127.0.0.1: a loopback connect completes at once, the listener's backlog holds it. */
export function connectedPair(libc: Libc): LoopbackPair {
  const listener = listenLoopback(libc);
  let client = -1;
  const address = loopbackAddress(libc, listener.port);
  try {
    client = tcpSocket(libc);
    check(libc, libc.connect(client, address.address, sockaddrIn.size), `connect(127.0.0.1:${listener.port})`);
    return { listener, client, server: acceptOne(libc, listener, 5000) };
  } catch (error) {
    closeQuietly(libc, client);
    closeQuietly(libc, listener.fd);
    throw error;
  } finally {
    release(libc, address);
  }
}

export function closePair(libc: Libc, pair: LoopbackPair): void {
  for (const fd of [pair.client, pair.server, pair.listener.fd]) closeQuietly(libc, fd);
}

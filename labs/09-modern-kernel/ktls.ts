// kTLS is a probe, not a transfer: TLS in the kernel starts with the "tls" upper layer protocol on
// a connected TCP socket, setsockopt(SOL_TCP, TCP_ULP, "tls") (Documentation/networking/tls.rst);
// keys (SOL_TLS, TLS_TX) would come from a user-space handshake, which this lab does not do.
// Attaching the ULP is enough to learn whether this kernel has kTLS at all.
import { constants } from 'node:os';
import type { ProbeFinding } from '../protocol.ts';
import { SyscallError, syscallError } from './kernel/errors.ts';
import { cString, release } from './kernel/memory.ts';
import type { Libc } from './kernel/types.ts';
import { SOL_TCP, TCP_ULP } from './layouts.ts';
import { closePair, connectedPair } from './listen.ts';

const { ENOENT } = constants.errno;

export function probeKtls(libc: Libc): ProbeFinding {
  let pair: ReturnType<typeof connectedPair>;
  try {
    pair = connectedPair(libc);
  } catch (error) {
    return { facility: 'ktls', available: false, detail: `no loopback TCP connection to try it on: ${(error as Error).message}` };
  }
  const name = cString(libc, 'tls');
  try {
    if (libc.setsockopt(pair.client, SOL_TCP, TCP_ULP, name.address, name.size - 1) === -1) throw syscallError(libc, 'setsockopt(SOL_TCP, TCP_ULP, "tls")');
    return {
      facility: 'ktls',
      available: true,
      detail: 'setsockopt(SOL_TCP, TCP_ULP, "tls") succeeded: this kernel has kTLS. With TLS_TX keys set, sendfile(2) sends a file as TLS records the kernel encrypts (one CPU pass over each byte in software; none with NIC offload and TLS_TX_ZEROCOPY_RO), so HTTPS need not give up sendfile',
    };
  } catch (error) {
    const failure = error as SyscallError;
    // net/ipv4/tcp_ulp.c tcp_set_ulp(): ENOENT when no "tls" ULP is registered, after asking for
    // module tcp-ulp-tls, which the kernel does only for a caller with CAP_NET_ADMIN.
    const meaning = failure.errno === ENOENT ? ': this kernel has no kTLS: the tls module is not built (CONFIG_TLS), or not loaded and this process may not load it' : '';
    return { facility: 'ktls', available: false, detail: `${failure.message}${meaning}` };
  } finally {
    release(libc, name);
    closePair(libc, pair);
  }
}

// Whether the loopback route does scatter-gather: the interface feature (NETIF_F_SG) that lets a
// socket send straight from page references, so sendfile and splice to a socket hand pages on
// instead of copying them (net/ipv4/tcp.c sets MSG_SPLICE_PAGES only when the route has SG; a NIC
// without it makes the kernel copy once). Read from the interface itself with the ethtool ioctl
// ETHTOOL_GSG, as `ethtool -k lo` does (include/uapi/linux/ethtool.h, linux/sockios.h), so the
// lab does not need the ethtool command to know.
import type { ProbeFinding } from '../protocol.ts';
import { syscallError } from './kernel/errors.ts';
import { allocate, load, release, store } from './kernel/memory.ts';
import type { Libc } from './kernel/types.ts';
import { AF_INET, SOCK_CLOEXEC } from './layouts.ts';

const SOCK_DGRAM = 2;
/** linux/sockios.h. */
const SIOCETHTOOL = 0x8946;
/** include/uapi/linux/ethtool.h: "Get scatter-gather enable (ethtool_value)". */
const ETHTOOL_GSG = 0x00000018;
/** struct ifreq: char ifr_name[IFNAMSIZ = 16], then a union whose ifr_data is a pointer (40 bytes on LP64). */
const ifreq = { size: 40, name: 0, data: 16 } as const;
/** struct ethtool_value { __u32 cmd; __u32 data; }. */
const ethtoolValue = { size: 8, cmd: 0, data: 4 } as const;

export function probeScatterGather(libc: Libc, interfaceName = 'lo'): ProbeFinding {
  const fd = libc.socket(AF_INET, SOCK_DGRAM | SOCK_CLOEXEC, 0);
  if (fd === -1) return { facility: 'scatter-gather', available: false, detail: `${syscallError(libc, 'socket(AF_INET, SOCK_DGRAM)').message}: the feature could not be read` };
  const request = allocate(libc, ifreq.size);
  const value = allocate(libc, ethtoolValue.size);
  try {
    request.bytes.set(new TextEncoder().encode(interfaceName).subarray(0, 15), ifreq.name);
    request.data.setBigUint64(ifreq.data, BigInt(value.address), true);
    value.data.setUint32(ethtoolValue.cmd, ETHTOOL_GSG, true);
    store(libc, request);
    store(libc, value);
    if (libc.ioctl(fd, SIOCETHTOOL, request.address) === -1) {
      return { facility: 'scatter-gather', available: false, detail: `${syscallError(libc, `ioctl(SIOCETHTOOL, ETHTOOL_GSG) on ${interfaceName}`).message}: the feature could not be read` };
    }
    load(libc, value);
    const on = value.data.getUint32(ethtoolValue.data, true) !== 0;
    return {
      facility: 'scatter-gather',
      available: on,
      detail: on
        ? `${interfaceName} has scatter-gather (ETHTOOL_GSG = 1): a socket on it sends page references, so sendfile and splice to it copy nothing`
        : `${interfaceName} has no scatter-gather (ETHTOOL_GSG = 0): the kernel copies once when sendfile or splice sends to a socket on it`,
    };
  } finally {
    release(libc, request);
    release(libc, value);
    libc.close(fd);
  }
}

// The socket error queue as MSG_ZEROCOPY uses it (Documentation/networking/msg_zerocopy.rst,
// "Notification Parsing"): recvmsg(MSG_ERRQUEUE) returns control messages, and each SOL_IP /
// IP_RECVERR one carries a struct sock_extended_err. A zero-copy completion has ee_origin
// SO_EE_ORIGIN_ZEROCOPY, ee_errno 0, and the inclusive range [ee_info, ee_data] of the per-socket
// send counter; ee_code SO_EE_CODE_ZEROCOPY_COPIED says the kernel copied the data after all.
// Pure functions over bytes, so they are tested on a buffer captured from a real run.
import { IP_RECVERR, SOL_IP, SO_EE_CODE_ZEROCOPY_COPIED, SO_EE_ORIGIN_ZEROCOPY, cmsghdr, sockExtendedErr } from './layouts.ts';

export interface ExtendedError { errno: number; origin: number; type: number; code: number; info: number; data: number }

/**
 * Every sock_extended_err in a control buffer, walked as CMSG_FIRSTHDR / CMSG_NXTHDR do: a header
 * whose cmsg_len is shorter than a header or runs past the buffer ends the walk (a truncated
 * buffer, MSG_CTRUNC), and the next header starts at CMSG_ALIGN(cmsg_len).
 */
export function parseExtendedErrors(control: Uint8Array): ExtendedError[] {
  const view = new DataView(control.buffer, control.byteOffset, control.byteLength);
  const found: ExtendedError[] = [];
  for (let offset = 0; offset + cmsghdr.size <= control.byteLength;) {
    const length = Number(view.getBigUint64(offset + cmsghdr.length, true));
    if (length < cmsghdr.size || offset + length > control.byteLength) break;
    const level = view.getInt32(offset + cmsghdr.level, true);
    const type = view.getInt32(offset + cmsghdr.type, true);
    if (level === SOL_IP && type === IP_RECVERR && length >= cmsghdr.size + sockExtendedErr.size) {
      const at = offset + cmsghdr.size;
      found.push({
        errno: view.getUint32(at + sockExtendedErr.errno, true),
        origin: view.getUint8(at + sockExtendedErr.origin),
        type: view.getUint8(at + sockExtendedErr.type),
        code: view.getUint8(at + sockExtendedErr.code),
        info: view.getUint32(at + sockExtendedErr.info, true),
        data: view.getUint32(at + sockExtendedErr.data, true),
      });
    }
    offset += Math.ceil(length / cmsghdr.align) * cmsghdr.align;
  }
  return found;
}

export interface CompletedRange { first: number; last: number; copied: boolean }

/** A zero-copy completion, or null for any other error-queue entry (a real error, a timestamp). */
export function zeroCopyRange(entry: ExtendedError): CompletedRange | null {
  if (entry.origin !== SO_EE_ORIGIN_ZEROCOPY || entry.errno !== 0) return null;
  return { first: entry.info, last: entry.data, copied: entry.code === SO_EE_CODE_ZEROCOPY_COPIED };
}

/** Sends a range completes: the counter is 32 bits and wraps after UINT_MAX calls. */
export function rangeSends(range: CompletedRange): number {
  return ((range.last - range.first) >>> 0) + 1;
}

// One io_uring completion (struct io_uring_cqe: user_data, res, flags), read the way
// io_uring_enter(2) and io_uring_prep_send_zc(3) describe a zero-copy send's two CQEs: the result
// (res = bytes sent or -errno; IORING_CQE_F_MORE when a notification will follow) and the
// notification (IORING_CQE_F_NOTIF: the buffer is released; with IORING_SEND_ZC_REPORT_USAGE its
// res has IORING_NOTIF_USAGE_ZC_COPIED set when the kernel copied the data). A pure parser over the
// 16 bytes, so it is tested on completions captured from a real run.
import { IORING_CQE_F_MORE, IORING_CQE_F_NOTIF, IORING_NOTIF_USAGE_ZC_COPIED, uringCqe } from './layouts.ts';

export type Completion =
  | { kind: 'result'; userData: number; res: number; flags: number; more: boolean }
  | { kind: 'notification'; userData: number; res: number; flags: number; copied: boolean };

export function parseCqe(bytes: Uint8Array): Completion {
  if (bytes.byteLength < uringCqe.size) throw new Error(`a CQE is ${uringCqe.size} bytes, not ${bytes.byteLength}`);
  const view = new DataView(bytes.buffer, bytes.byteOffset, uringCqe.size);
  // The lab's user_data values are send numbers, far below 2^53.
  const userData = Number(view.getBigUint64(uringCqe.userData, true));
  const res = view.getInt32(uringCqe.res, true);
  const flags = view.getUint32(uringCqe.flags, true);
  if (flags & IORING_CQE_F_NOTIF) return { kind: 'notification', userData, res, flags, copied: ((res >>> 0) & IORING_NOTIF_USAGE_ZC_COPIED) !== 0 };
  return { kind: 'result', userData, res, flags, more: (flags & IORING_CQE_F_MORE) !== 0 };
}

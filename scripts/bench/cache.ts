// --cold: drop the data file's pages from the page cache before each timed transfer, so the server
// reads from the disk. `echo 1 > /proc/sys/vm/drop_caches` needs root and empties the cache of
// the whole machine; posix_fadvise(POSIX_FADV_DONTNEED) on the one file needs neither, but Node
// cannot call it, so coreutils dd does (`iflag=nocache count=0` advises the whole file and reads
// nothing). The kernel may keep pages anyway (tmpfs lives in the cache; other readers pin pages),
// so util-linux fincore checks what is still resident, and the bench says when it could not drop.
import { closeSync, fdatasyncSync, openSync } from 'node:fs';
import { platform } from 'node:os';
import { capture } from '../lab/processes.ts';

export interface CacheDrop {
  dropped: boolean;
  /** Bytes of the file still in the page cache afterwards; null when fincore is missing. */
  residentBytes: number | null;
  note: string;
}

/** Pages left behind below this share still count as dropped (a page or two may be in use). */
const tolerated = 0.01;

export async function dropFromPageCache(path: string, bytes: number): Promise<CacheDrop> {
  if (platform() !== 'linux') {
    return { dropped: false, residentBytes: null, note: `dropping one file from the page cache needs Linux's posix_fadvise, and this is ${platform()}` };
  }
  // DONTNEED skips dirty pages, and a data file that was just written is dirty: write it back first.
  const fd = openSync(path, 'r');
  try { fdatasyncSync(fd); } finally { closeSync(fd); }
  const advise = await capture('dd', [`if=${path}`, 'iflag=nocache', 'count=0', 'status=none']).catch(() => null);
  if (!advise || advise.code !== 0) {
    return { dropped: false, residentBytes: null, note: `dd iflag=nocache failed (${advise?.stderr.trim().split('\n')[0] || 'dd is missing'}): install GNU coreutils` };
  }
  const check = await capture('fincore', ['--bytes', '--noheadings', '--output', 'RES', path]).catch(() => null);
  const resident = check && check.code === 0 ? Number(check.stdout.trim()) : NaN;
  if (Number.isNaN(resident)) {
    return { dropped: true, residentBytes: null, note: 'advised with posix_fadvise(DONTNEED) through dd; not verified, because util-linux fincore is missing' };
  }
  if (resident > bytes * tolerated) {
    return { dropped: false, residentBytes: resident, note: `the kernel kept ${resident} of ${bytes} bytes cached after posix_fadvise(DONTNEED) (a tmpfs file lives in the page cache)` };
  }
  return { dropped: true, residentBytes: resident, note: 'dropped with posix_fadvise(DONTNEED) through dd, checked with fincore' };
}

// Whether a copy shares its extents with the source (a reflink): then copy_file_range moved no
// bytes at all, only metadata. Only file systems that can share extents are asked (btrfs, XFS
// formatted with reflink=1, bcachefs); ext4 and tmpfs cannot, so a copy there is the kernel's own
// CPU copy. `filefrag -v` (e2fsprogs) prints FIEMAP's flags per extent; FIEMAP_EXTENT_SHARED shows
// as "shared".
import { fileSystemOf } from './machine.ts';
import { capture } from './processes.ts';

const canShare = new Set(['btrfs', 'xfs', 'bcachefs']);

/** filefrag -v's extent lines: true when every extent with data carries the shared flag. */
export function allExtentsShared(filefragOutput: string): boolean {
  const extents = filefragOutput.split('\n').filter((line) => /^\s*\d+:\s+\d+\.\.\s*\d+:/.test(line));
  return extents.length > 0 && extents.every((line) => /\bshared\b/.test(line));
}

/** true: the copy is a reflink; false: it holds its own bytes; null: this file system cannot share, or filefrag is missing. */
export async function sharedExtents(path: string): Promise<boolean | null> {
  if (!canShare.has(fileSystemOf(path))) return null;
  // The extents are only known once the copy is on disk.
  const sync = await capture('sync', ['-f', path]).catch(() => null);
  if (!sync || sync.code !== 0) return null;
  const frag = await capture('filefrag', ['-v', path]).catch(() => null);
  return frag && frag.code === 0 ? allExtentsShared(frag.stdout) : null;
}

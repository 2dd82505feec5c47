// The data file as the methods need it: a raw fd opened through FFI (the kernel's sendfile and
// splice take fds, which no runtime API exposes for its own file handles), its size, and for the
// zero-copy sends a read-only shared mapping, so the bytes are sent from the page cache's own
// pages with no read() copy in between.
import { check } from './kernel/errors.ts';
import { cString, release } from './kernel/memory.ts';
import type { Address, Libc } from './kernel/types.ts';
import { MAP_SHARED, O_CLOEXEC, O_RDONLY, PROT_READ, SEEK_END } from './layouts.ts';

export interface DataFile { fd: number; size: number }

export function openFile(libc: Libc, path: string): DataFile {
  const name = cString(libc, path);
  try {
    const fd = check(libc, libc.open(name.address, O_RDONLY | O_CLOEXEC), `open(${path})`);
    try {
      return { fd, size: check(libc, libc.lseek(fd, 0, SEEK_END), `lseek(${path}, SEEK_END)`) };
    } catch (error) {
      libc.close(fd);
      throw error;
    }
  } finally {
    release(libc, name);
  }
}

export function closeFile(libc: Libc, file: DataFile): void {
  libc.close(file.fd);
}

export interface Mapping { address: Address; size: number }

/** The whole file, mapped PROT_READ and MAP_SHARED: the page cache's pages, not a private copy. */
export function mapFile(libc: Libc, file: DataFile): Mapping {
  if (file.size === 0) return { address: 0, size: 0 };
  const address = check(libc, libc.mmap(0, file.size, PROT_READ, MAP_SHARED, file.fd, 0), 'mmap(PROT_READ, MAP_SHARED)');
  return { address, size: file.size };
}

export function unmap(libc: Libc, mapping: Mapping): void {
  if (mapping.size > 0) check(libc, libc.munmap(mapping.address, mapping.size), 'munmap');
}

/** The part of a mapping one send may name: never a byte outside it. */
export function slice(mapping: Mapping, offset: number, length: number): Address {
  if (!(offset >= 0 && length > 0 && offset + length <= mapping.size)) throw new Error(`bytes ${offset}..${offset + length} lie outside the ${mapping.size}-byte mapping`);
  return mapping.address + offset;
}

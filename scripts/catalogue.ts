// The single source of what the workbook contains (rustlings' info.toml): every CLI verb reads
// chapters and labs from here, and test/catalogue.test.ts checks it against the tree.
import type { MethodName, Protocol } from '../runtime-adapters/types.ts';

export interface Lab {
  id: string;
  /** Folder under labs/, and the stem of the chapter and answer sheet. */
  slug: string;
  title: string;
  protocol: Protocol;
  /** In the order the report shows them; the baseline for ratios is `read-write`. */
  methods: MethodName[];
}

export interface Chapter {
  id: string;
  slug: string;
  title: string;
  /** Absent for a chapter that is taught from sources rather than measured (09, 10). */
  lab?: Lab;
}

export const labs: Lab[] = [
  { id: '01', slug: '01-traditional', title: 'The traditional path: read() + write()', protocol: 'tcp', methods: ['read-write', 'stream'] },
  { id: '02', slug: '02-sendfile', title: 'The zero-copy path: sendfile()', protocol: 'http', methods: ['read-write', 'stream', 'sendfile'] },
];

/** Chapters with a lab share its id, slug and title; chapters without one are listed after them. */
const sourceChapters: Chapter[] = [];

export const chapters: Chapter[] = [
  ...labs.map((lab) => ({ id: lab.id, slug: lab.slug, title: lab.title, lab })),
  ...sourceChapters,
].sort((a, b) => a.id.localeCompare(b.id));

export function findLab(id: string): Lab | undefined {
  return labs.find((lab) => lab.id === id || lab.slug === id || lab.id === id.padStart(2, '0'));
}

export function findChapter(id: string): Chapter | undefined {
  return chapters.find((chapter) => chapter.id === id || chapter.slug === id || chapter.id === id.padStart(2, '0'));
}

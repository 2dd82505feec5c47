// IBM's "Efficient data transfer through zero copy" (Palaniappan and Nagaraja, IBM developerWorks,
// https://developer.ibm.com/articles/j-zerocopy/) timed Java's FileChannel.transferTo against a
// copy loop, file sizes 7 MB to 1 GB, "on a Linux system running the 2.6 kernel", and concluded
// transferTo takes about 65 percent less time. `--sizes ibm` times the same sizes here, and this
// module puts the reader's ratios beside the article's. The article writes "MB" and "GB" without
// saying which; they are taken as decimal (10^6 and 10^9 bytes).
import type { RuntimeName } from '../../runtime-adapters/types.ts';
import type { BenchRow } from './stats.ts';

export interface IbmFigure {
  label: string;
  bytes: number;
  /** The article's table: milliseconds for the copy loop ("traditional approach") and for transferTo. */
  normalMs: number;
  transferToMs: number;
}

export const ibmArticle = { title: 'IBM developerWorks, "Efficient data transfer through zero copy"', url: 'https://developer.ibm.com/articles/j-zerocopy/' };

export const ibmFigures: readonly IbmFigure[] = [
  { label: '7 MB', bytes: 7e6, normalMs: 156, transferToMs: 45 },
  { label: '21 MB', bytes: 21e6, normalMs: 337, transferToMs: 128 },
  { label: '63 MB', bytes: 63e6, normalMs: 843, transferToMs: 387 },
  { label: '98 MB', bytes: 98e6, normalMs: 1320, transferToMs: 617 },
  { label: '200 MB', bytes: 200e6, normalMs: 2124, transferToMs: 1150 },
  { label: '350 MB', bytes: 350e6, normalMs: 3631, transferToMs: 1762 },
  { label: '700 MB', bytes: 700e6, normalMs: 13498, transferToMs: 4422 },
  { label: '1 GB', bytes: 1e9, normalMs: 18399, transferToMs: 8537 },
];

export const ibmSizes: readonly number[] = ibmFigures.map((figure) => figure.bytes);

export interface IbmComparison {
  figure: IbmFigure;
  /** transferTo's time over the copy loop's, in the article. */
  ibmTimeRatio: number;
  /** Per runtime of this run: sendfile's median time over read-write's, and its server CPU per GiB over read-write's. */
  measured: Array<{ runtime: RuntimeName; readWriteMs: number; sendfileMs: number; timeRatio: number; cpuRatio: number; noisy: boolean }>;
}

/** One line per IBM size that this run measured, with every runtime that has both a read-write and a sendfile row there. */
export function compareWithIbm(rows: readonly BenchRow[]): IbmComparison[] {
  const comparisons: IbmComparison[] = [];
  for (const figure of ibmFigures) {
    const atSize = rows.filter((row) => row.bytes === figure.bytes && !row.ceiling);
    const measured: IbmComparison['measured'] = [];
    for (const runtime of [...new Set(atSize.map((row) => row.runtime))]) {
      const readWrite = atSize.find((row) => row.runtime === runtime && row.method === 'read-write');
      const sendfile = atSize.find((row) => row.runtime === runtime && row.method === 'sendfile');
      if (!readWrite || !sendfile) continue;
      measured.push({
        runtime,
        readWriteMs: readWrite.medianSeconds * 1000,
        sendfileMs: sendfile.medianSeconds * 1000,
        timeRatio: sendfile.medianSeconds / readWrite.medianSeconds,
        cpuRatio: sendfile.cpuSecondsPerGiB / readWrite.cpuSecondsPerGiB,
        noisy: readWrite.noisy || sendfile.noisy,
      });
    }
    if (measured.length) comparisons.push({ figure, ibmTimeRatio: figure.transferToMs / figure.normalMs, measured });
  }
  return comparisons;
}

// The drill bank: every interview question, tagged with the chapter that teaches it, in the order
// of the chapters. Facts come from the chapters and their sources; each question's model
// answer names every one of its concepts in both languages (test/drill.test.ts holds it to that).
import { questions as traditional } from './bank/01-traditional.ts';
import { questions as sendfile } from './bank/02-sendfile.ts';
import { questions as mmap } from './bank/03-mmap.ts';
import { questions as buffers } from './bank/04-buffers.ts';
import { questions as fileToFile } from './bank/05-file-to-file.ts';
import { questions as pipes } from './bank/06-pipes.ts';
import { questions as kafkaLog } from './bank/07-kafka-log.ts';
import { questions as limits } from './bank/08-limits.ts';
import { questions as modernKernel } from './bank/09-modern-kernel.ts';
import { questions as caseStudies } from './bank/10-case-studies.ts';
import type { DrillQuestion } from './types.ts';

export const bank: DrillQuestion[] = [
  ...traditional, ...sendfile, ...mmap, ...buffers, ...fileToFile, ...pipes, ...kafkaLog, ...limits, ...modernKernel, ...caseStudies,
];

// How every chart tells its series apart, decided once for the bench's SVG and the book's bars:
// a colour per runtime from Okabe and Ito's palette ("Color Universal Design", 2008), whose hues
// stay apart under the common colour-vision deficiencies, and a dash per method, so two lines of
// one runtime differ by their dashes alone.
import { methodNames, type MethodName, type RuntimeName } from '../runtime-adapters/types.ts';

export const runtimeColours: Record<RuntimeName, string> = { node: '#009E73', bun: '#E69F00', deno: '#0072B2' };
/** A runtime the palette does not know yet. */
export const otherColour = '#8C959F';
/** The ceiling is no runtime's line: black (drawn pale, so grey), where every runtime has a hue. */
export const ceilingColour = '#000000';

export function runtimeColour(runtime: string): string {
  return runtimeColours[runtime as RuntimeName] ?? otherColour;
}

/** Dashes in the order methods take them, each period short enough to show in a legend's swatch. */
const dashes = ['', '8 4', '2 3', '12 3 2 3', '18 5', '12 3 2 3 2 3', '18 3 6 3'];
/** The methods most labs compare: solid, dashed and dotted in every chart. */
const common: readonly MethodName[] = ['read-write', 'stream', 'sendfile'];

/** Past the list, a dash followed by ever more dots. */
const dashAt = (index: number) => dashes[index] ?? ['12 3', ...Array.from({ length: index - dashes.length + 3 }, () => '2 3')].join(' ');

/**
 * Each method's stroke-dasharray in one chart: the common three keep theirs, the chart's other
 * methods take the dashes after them in the adapters' order, so a lab's five methods get five.
 */
export function methodDashes(methods: readonly MethodName[]): Map<MethodName, string> {
  const others = [...new Set(methods)].filter((method) => !common.includes(method))
    .sort((a, b) => methodNames.indexOf(a) - methodNames.indexOf(b));
  const index = (method: MethodName) => (common.includes(method) ? common.indexOf(method) : common.length + others.indexOf(method));
  return new Map(methods.map((method) => [method, dashAt(index(method))]));
}

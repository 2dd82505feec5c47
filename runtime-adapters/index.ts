import { bun } from './bun.ts';
import { deno } from './deno.ts';
import { node } from './node.ts';
import type { RuntimeAdapter, RuntimeName } from './types.ts';

export const adapters: Record<RuntimeName, RuntimeAdapter> = { node, bun, deno };
export { runtimeNames, methodNames } from './types.ts';
export type * from './types.ts';

// One checked read for the grader's lists, where noUncheckedIndexedAccess cannot see what the algorithm knows.

/** `list[index]` where the algorithm keeps `index` in range: throws a RangeError naming the list if that ever breaks. */
export function itemAt<T extends {} | null>(list: readonly T[], index: number, name: string): T {
  const item = list[index];
  if (item === undefined) throw new RangeError(`${name}[${index}] is out of range (length ${list.length})`);
  return item;
}

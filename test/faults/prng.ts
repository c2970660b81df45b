/** A tiny seeded PRNG (mulberry32): the fault suite's choices are reproducible from the seed it prints. */
export interface Random {
  readonly seed: number;
  /** A float in [0, 1). */
  next(): number;
  /** An integer in [min, max]. */
  int(min: number, max: number): number;
  /** True with probability p. */
  chance(p: number): boolean;
  pick<T>(items: readonly T[]): T;
}

export function mulberry32(seed: number): Random {
  let a = seed >>> 0;
  const next = (): number => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const random: Random = {
    seed: seed >>> 0,
    next,
    int: (min, max) => min + Math.floor(next() * (max - min + 1)),
    chance: (p) => next() < p,
    pick: (items) => {
      if (items.length === 0) {
        throw new Error("pick from an empty list");
      }
      return items[Math.floor(next() * items.length)]!;
    },
  };
  return random;
}

/** The seed of a run: `FAULT_SEED` when given (to reproduce a run), otherwise a fresh one. */
export function seedFrom(env: Record<string, string | undefined>): number {
  const given = env.FAULT_SEED;
  if (given !== undefined && given !== "") {
    const n = Number(given);
    if (!Number.isInteger(n) || n < 0 || n > 0xffffffff) {
      throw new Error(`FAULT_SEED must be an integer in 0..4294967295, got "${given}"`);
    }
    return n;
  }
  return (Date.now() ^ (Math.random() * 0x100000000)) >>> 0;
}

// The fault suite draws its choices from the generator's seeded PRNG: reproducible from the seed it prints.
export { type Random, mulberry32 } from "@tiepdan/tools";

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

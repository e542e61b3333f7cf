// A seeded random source (mulberry32), so every generated case and simulated session can be replayed from its seed.
export function seeded(start) {
  let seed = start;
  const random = () => {
    seed |= 0; seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const int = (n) => Math.floor(random() * n);
  return { random, int, pick: (items) => items[int(items.length)] };
}

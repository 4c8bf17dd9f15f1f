/** A seeded generator of unsigned 32-bit values (mulberry32); see seeded-random.js. */
export function seededWords(seed: number): () => number;

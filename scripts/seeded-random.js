'use strict';
/**
 * mulberry32: a small seeded generator of unsigned 32-bit values, so that benchmarks and sampled
 * tests draw the same numbers on every run. Not for anything that needs real randomness.
 */
function seededWords(seed) {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return (t ^ (t >>> 14)) >>> 0;
  };
}

module.exports = { seededWords };

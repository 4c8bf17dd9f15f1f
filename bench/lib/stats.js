'use strict';
/** The statistics every benchmark reports: medians, and ratios paired within a round. */

function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
}

/** The value below which `fraction` of the values lie (nearest rank). */
function quantile(values, fraction) {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor(fraction * sorted.length))];
}

/**
 * The median over rounds of `own[round] / base[round]`: a pair measured within one round shares
 * that moment's speed of the machine, which drifts over minutes.
 */
const pairedRatio = (own, base) => median(own.map((value, round) => value / base[round]));

/** The median over rounds of `own[round] - base[round]`. */
const pairedDifference = (own, base) => median(own.map((value, round) => value - base[round]));

/** Runs `steps` in an order that changes each round (rotated, reversed every other round). */
function roundOrder(steps, round) {
  const rotated = steps.map((_, index) => steps[(index + round) % steps.length]);
  return round % 2 === 1 ? rotated.reverse() : rotated;
}

module.exports = { median, quantile, pairedRatio, pairedDifference, roundOrder };

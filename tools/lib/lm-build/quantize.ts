/**
 * 8-bit quantisation of log-probabilities / backoffs: 256 centres, each the mean of an
 * equal-population quantile bin, so dense regions of the distribution get fine resolution.
 */
export interface Quantized { codes: Uint8Array; centers: Float32Array }

export function quantize(values: Float64Array): Quantized {
  const sorted = Float64Array.from(values).sort();
  const bins = Math.min(256, Math.max(1, sorted.length));
  const centers = new Float64Array(bins);
  for (let b = 0; b < bins; b++) {
    const lo = Math.floor((b * sorted.length) / bins);
    const hi = Math.max(lo + 1, Math.floor(((b + 1) * sorted.length) / bins));
    let s = 0;
    for (let i = lo; i < hi && i < sorted.length; i++) s += sorted[i];
    centers[b] = s / Math.max(1, Math.min(hi, sorted.length) - lo);
  }
  // Identical bins collapse; keep the list sorted for nearest-centre search.
  const uniq = Float32Array.from(new Set(centers)).sort();
  const codes = new Uint8Array(values.length);
  for (let i = 0; i < values.length; i++) codes[i] = nearest(uniq, values[i]);
  const padded = new Float32Array(256);
  padded.set(uniq);
  return { codes, centers: padded };
}

function nearest(centers: Float32Array, v: number): number {
  let lo = 0;
  let hi = centers.length - 1;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (centers[mid] < v) lo = mid + 1;
    else hi = mid;
  }
  if (lo > 0 && Math.abs(centers[lo - 1] - v) <= Math.abs(centers[lo] - v)) return lo - 1;
  return lo;
}

/**
 * "Did you mean …?" for names an operator types (pipelines, encodings). String similarity
 * comes from `natural`'s distance module, imported by its own path: natural's index module
 * loads dotenv, which reads ./.env and prints banners on stdout — that would corrupt the JSON
 * that `vnplan extract` writes there. The distance module has no such side effect.
 */
import distance from 'natural/lib/natural/distance/index.js';

/** Jaro–Winkler similarity above which a typo is close enough to suggest the name. */
const MIN_SIMILARITY = 0.8;

/** The candidate most similar to `input`, or undefined when none is close. */
export function closestName(input: string, candidates: readonly string[]): string | undefined {
  const key = input.toLowerCase();
  let best: { name: string; score: number } | undefined;
  for (const name of candidates) {
    const score = distance.JaroWinklerDistance(key, name.toLowerCase(), { ignoreCase: true });
    if (score >= MIN_SIMILARITY && (!best || score > best.score)) best = { name, score };
  }
  return best?.name;
}

/** ` Did you mean "x"?` or '' — appended to USAGE messages. */
export function didYouMean(input: string, candidates: readonly string[]): string {
  const name = closestName(input, candidates);
  return name ? ` Did you mean "${name}"?` : '';
}

/**
 * Restoration of a text that arrives as a stream (a file or stdin of any size): the input is
 * decoded incrementally and restored in bounded chunks (src/text/chunks.ts), each handed to
 * the caller as soon as it is done, so memory follows the largest chunk, not the input. An
 * input of at most one chunk is restored whole, exactly as `restoreText` would.
 */
import type { RestoredToken } from '../document.js';
import { firstChunkEnd } from '../text/chunks.js';
import { restoreText, type RestoreTextOptions } from './index.js';
import type { RestoreResult, RestoreStats } from './restorer.js';

/** One restored chunk: its result (token offsets shifted into the whole output) and where it starts. */
export interface RestoredChunk { result: RestoreResult; outStart: number; inStart: number }

/** Restores the text of `source` chunk by chunk, calling `onChunk` in order; returns the combined statistics. */
export async function restoreStream(
  source: AsyncIterable<Uint8Array | string>, options: RestoreTextOptions & { chunkChars?: number }, onChunk: (chunk: RestoredChunk) => Promise<void> | void,
): Promise<RestoreStats> {
  const { chunkChars, ...restoreOptions } = options;
  // ignoreBOM: a byte-order mark stays in the text, as when the input is read whole.
  const decoder = new TextDecoder('utf-8', { ignoreBOM: true });
  const totals = new StatsTotal();
  let pending = '';
  let inStart = 0;
  let outStart = 0;
  const emit = async (text: string): Promise<void> => {
    const result = await restoreText(text, restoreOptions);
    if (outStart) result.tokens = result.tokens.map((t) => shift(t, outStart));
    await onChunk({ result, outStart, inStart });
    totals.add(result.stats);
    inStart += text.length;
    outStart += result.text.length;
  };
  for await (const piece of source) {
    pending += typeof piece === 'string' ? piece : decoder.decode(piece, { stream: true });
    for (let end = firstChunkEnd(pending, chunkChars); end !== undefined; end = firstChunkEnd(pending, chunkChars)) {
      await emit(pending.slice(0, end));
      pending = pending.slice(end);
    }
  }
  pending += decoder.decode();
  if (pending.length > 0 || inStart === 0) await emit(pending);
  return totals.stats();
}

function shift(t: RestoredToken, by: number): RestoredToken {
  return { ...t, start: t.start + by, end: t.end + by };
}

/** Statistics of several chunks: the one chunk's as they are, else token-weighted means. */
class StatsTotal {
  private first: RestoreStats | undefined;
  private count = 0;
  private readonly modeTokens = new Map<RestoreStats['channelMode'], number>();
  private sums = { accented: 0, known: 0, confidence: 0, changed: 0, total: 0 };
  private applied = false;

  add(s: RestoreStats): void {
    this.first ??= s;
    this.count++;
    this.applied ||= s.applied;
    this.modeTokens.set(s.channelMode, (this.modeTokens.get(s.channelMode) ?? 0) + s.totalTokens);
    this.sums.accented += s.accentedRatioBefore * s.totalTokens;
    this.sums.known += s.knownRatio * s.totalTokens;
    this.sums.confidence += s.meanConfidence * s.totalTokens;
    this.sums.changed += s.changedTokens;
    this.sums.total += s.totalTokens;
  }

  stats(): RestoreStats {
    if (this.count === 1 && this.first) return this.first;
    const total = this.sums.total;
    const mean = (sum: number): number => (total ? Math.round((sum / total) * 1000) / 1000 : 1);
    const mode = [...this.modeTokens].sort((a, b) => b[1] - a[1])[0]?.[0] ?? 'none';
    return {
      applied: this.applied,
      channelMode: mode,
      accentedRatioBefore: mean(this.sums.accented),
      knownRatio: mean(this.sums.known),
      changedTokens: this.sums.changed,
      totalTokens: total,
      meanConfidence: mean(this.sums.confidence),
    };
  }
}

/** The on-disk format of dictionaries/channel/ocr-<model>.json (built by tools/build/channel.ts). */
export type Counts = Record<string, Record<string, number>>;

/** On-disk channel table. Keys of tokenPairs are observed tokens; inner keys are source syllables. */
export interface ChannelTable {
  model: string;
  builtAt: string;
  pages: number;
  lines: number;
  tokens: number;
  /** P(observed | source) ≈ tokenPairs[observed][source] / sourceCounts[source] (pruned tables: approximate). */
  tokenPairs: Counts;
  /** How often each source syllable was aligned 1:1 (denominator for tokenPairs). */
  sourceCounts: Record<string, number>;
  /** Case-sensitive: source character → observed substring ('' = deleted) → count; identities included. */
  charConfusions: Counts;
  /** The same with both sides lowercased (case confusions folded away). */
  charConfusionsFolded: Counts;
  /** Token-boundary errors: "merge" = two source syllables read as one token, "split" = one read as two. */
  splitsMerges: { merge: Counts; split: Counts };
  /** Source tokens lost by OCR and noise tokens it invented. */
  deletedTokens: number;
  insertedTokens: Record<string, number>;
  pruning: string;
}

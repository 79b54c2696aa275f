/**
 * Per-document and per-line decisions. Each line has candidate readings (one per encoding);
 * the document reading is the one with the most points summed over all lines, and a line
 * leaves it only when another reading beats it on that line by SWITCH_MARGIN points — so
 * short lines that carry no evidence follow the document, while a pasted-in paragraph in
 * another encoding gets its own run.
 */
import { decisionConfidence, type TextScore } from './score.js';

export interface Candidate {
  encoding: string;
  text: string;
  score: TextScore;
}

export interface LineCandidates {
  /** Offsets of the line in the input (characters or bytes), end exclusive, terminator included. */
  sourceStart: number;
  sourceEnd: number;
  /** The line terminator to append after the chosen text ('' for the last line). */
  terminator: string;
  candidates: Candidate[];
}

export interface EncodingRun {
  /** Offsets [start, end) in the decoded text; runs tile the text (line terminators included). */
  start: number;
  end: number;
  /** Offsets [start, end) in the input (bytes for decodeText, characters for repairLegacyText). */
  sourceStart: number;
  sourceEnd: number;
  encoding: string;
  confidence: number;
}

export interface RunDecision {
  text: string;
  runs: EncodingRun[];
  /** The document-level reading and its confidence against the runner-up. */
  documentEncoding: string;
  documentConfidence: number;
  /** Summed score of each encoding over the whole input. */
  totals: Map<string, TextScore>;
}

export const SWITCH_MARGIN = 2;

function addScores(a: TextScore | undefined, b: TextScore): TextScore {
  if (!a) return { ...b };
  return {
    points: a.points + b.points,
    words: a.words + b.words,
    marked: a.marked + b.marked,
    validMarked: a.validMarked + b.validMarked,
    unmapped: a.unmapped + b.unmapped,
  };
}

function ranked(totals: Map<string, TextScore>, order: string[]): [string, TextScore][] {
  // Stable on ties: the caller's order is the prior (Unicode first).
  return [...totals].sort((x, y) => y[1].points - x[1].points || order.indexOf(x[0]) - order.indexOf(y[0]));
}

/**
 * Confidence of reading `lines` as `encoding`: against each rival, only the lines where the
 * two readings differ count (identical readings are no evidence either way); the weakest
 * rival decides. Without any differing rival the reading is certain up to its quality.
 */
function confidenceOver(lines: LineCandidates[], encoding: string): number {
  let own: TextScore | undefined;
  let ownLines = 0;
  const rivals = new Map<string, { own?: TextScore; rival?: TextScore; lines: number }>();
  for (const line of lines) {
    const mine = line.candidates.find((c) => c.encoding === encoding);
    if (!mine) continue;
    own = addScores(own, mine.score);
    ownLines++;
    for (const c of line.candidates) {
      if (c.encoding === encoding) continue;
      const r = rivals.get(c.encoding) ?? { lines: 0 };
      r.lines++;
      rivals.set(c.encoding, r);
      if (c.text === mine.text) continue;
      r.own = addScores(r.own, mine.score);
      r.rival = addScores(r.rival, c.score);
      rivals.set(c.encoding, r);
    }
  }
  if (!own) return 0;
  let confidence = decisionConfidence(own, undefined);
  // A rival that cannot read every line (UTF-8 where some lines are invalid) is no alternative.
  for (const r of rivals.values()) {
    if (r.own && r.lines === ownLines) confidence = Math.min(confidence, decisionConfidence(r.own, r.rival));
  }
  return confidence;
}

export function decideRuns(lines: LineCandidates[], order: string[]): RunDecision {
  // An encoding with no reading of a line (not offered, or rejected) keeps that line as the
  // first candidate reads it, so every total covers the whole input.
  const encodings = new Set(lines.flatMap((line) => line.candidates.map((c) => c.encoding)));
  const totals = new Map<string, TextScore>();
  for (const line of lines) {
    for (const enc of encodings) {
      const c = line.candidates.find((x) => x.encoding === enc) ?? line.candidates[0];
      totals.set(enc, addScores(totals.get(enc), c.score));
    }
  }
  const documentEncoding = ranked(totals, order)[0]?.[0] ?? order[0];
  const documentConfidence = confidenceOver(lines, documentEncoding);

  const chosen = lines.map((line) => {
    const docReading = line.candidates.find((c) => c.encoding === documentEncoding);
    let best = docReading ?? line.candidates[0];
    for (const c of line.candidates) {
      const base = docReading ? docReading.score.points + SWITCH_MARGIN : best.score.points;
      if (c.score.points >= base && c.score.points > best.score.points) best = c;
    }
    return { line, best };
  });

  let text = '';
  const runs: EncodingRun[] = [];
  const runLines: LineCandidates[][] = [];
  for (const { line, best } of chosen) {
    const start = text.length;
    text += best.text + line.terminator;
    const last = runs[runs.length - 1];
    if (last && last.encoding === best.encoding) {
      last.end = text.length;
      last.sourceEnd = line.sourceEnd;
      runLines[runLines.length - 1].push(line);
    } else {
      runs.push({ start, end: text.length, sourceStart: line.sourceStart, sourceEnd: line.sourceEnd, encoding: best.encoding, confidence: 0 });
      runLines.push([line]);
    }
  }
  runs.forEach((run, i) => (run.confidence = confidenceOver(runLines[i], run.encoding)));
  return { text, runs, documentEncoding, documentConfidence, totals };
}

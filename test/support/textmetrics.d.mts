/** Types of the judges' text scorer (textmetrics.mjs beside this file). */
export interface TextScore { syllables: number; errors: number; ser: number; accuracy: number; cer: number; lines_gold: number; lines_hyp: number }
/** Syllable accuracy and CER of `hyp` against `gold`; `byLines` compares line i with line i. */
export function score(gold: string, hyp: string, byLines?: boolean): TextScore;
export function canon(token: string): string;
export function tokens(line: string): string[];
export function lev(a: ArrayLike<unknown>, b: ArrayLike<unknown>): number;

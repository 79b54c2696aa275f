/** Types of the judges' field scorer (fieldscore.mjs beside this file). */
export interface FieldPRF { tp: number; fp: number; fn: number; precision: number; recall: number; f1: number }
export interface FieldCounts { tp: number; fp: number; fn: number }
export function scoreDoc(gold: unknown, pred: unknown): { per: Record<string, FieldCounts>; sections: FieldCounts };
export function scoreMany(pairs: [unknown, unknown][]): {
  fieldsF1: number;
  sectionsF1: number;
  perDocF1: number[];
  perField: Record<string, FieldPRF>;
  sections: FieldPRF;
};

/** Recoverable problems, recorded on the document with a position instead of thrown. */
export type Severity = 'info' | 'warning' | 'error';

export interface Position {
  /** Character offset into the document's current text. */
  offset?: number;
  /** 1-based page, for paged inputs. */
  page?: number;
  /** 1-based line and column in the stage's input. */
  line?: number;
  column?: number;
}

export interface Diagnostic {
  stage: string;
  severity: Severity;
  /** Stable machine-readable code, e.g. `restore.low-confidence`. */
  code: string;
  message: string;
  position?: Position;
  /** Extra structured detail (decision scores, confidences …). */
  data?: Record<string, unknown>;
}

export function diag(
  stage: string,
  severity: Severity,
  code: string,
  message: string,
  position?: Position,
  data?: Record<string, unknown>,
): Diagnostic {
  return { stage, severity, code, message, ...(position ? { position } : {}), ...(data ? { data } : {}) };
}

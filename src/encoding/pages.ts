/**
 * One call for the ingest of PDF text layers: a page whose fonts were .VnTime (TCVN3) or
 * VNI-Times gives cp1252 mojibake; repair it per line and say so in the document diagnostics.
 * Pages are judged one by one, so a PDF whose pages come from different sources is handled.
 */
import { diag, type Diagnostic } from '../diagnostics.js';
import { repairLegacyText } from './repair.js';
import type { EncodingRun } from './runs.js';

export interface TextLayerRepair {
  text: string;
  /** True when some run of the page was converted from a legacy encoding. */
  changed: boolean;
  /** 'unicode' or the legacy scheme most of the page was in. */
  encoding: string;
  confidence: number;
  /** Offsets [start, end) in the repaired page text; sourceStart/sourceEnd in the layer text. */
  runs: EncodingRun[];
  diagnostics: Diagnostic[];
}

/** Below this a repair decision is reported as a warning. */
const LOW_CONFIDENCE = 0.6;

/** `opts.encoding` is ctx.options.encoding (--encoding): forces a scheme, or 'utf8' turns repair off. */
export function repairTextLayerPage(text: string, page: number, opts: { encoding?: string } = {}): TextLayerRepair {
  const repair = repairLegacyText(text, { encoding: opts.encoding });
  if (!repair.repaired) return { text, changed: false, encoding: 'unicode', confidence: repair.confidence, runs: repair.runs, diagnostics: [] };
  const converted = repair.runs.filter((r) => r.encoding !== 'unicode');
  const schemes = [...new Set(converted.map((r) => r.encoding))];
  const weakest = Math.min(...converted.map((r) => r.confidence));
  const diagnostics = [
    diag(
      'ingest',
      weakest < LOW_CONFIDENCE ? 'warning' : 'info',
      'encoding.text-layer-repaired',
      `Page ${page}: text layer in ${schemes.join(' and ')} (legacy font encoding read as Windows-1252) converted to Unicode`,
      { page },
      { encoding: repair.encoding, confidence: repair.confidence, runs: converted.map(({ start, end, encoding, confidence }) => ({ start, end, encoding, confidence })) },
    ),
  ];
  return { text: repair.text, changed: true, encoding: repair.encoding, confidence: repair.confidence, runs: repair.runs, diagnostics };
}

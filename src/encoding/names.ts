/** The names --encoding accepts, and their aliases (ABC = TCVN3, windows-1258 = cp1258 …). */
import { VnplanError } from '../errors.js';
import { LEGACY_SCHEMES } from './tables.js';

export const ENCODINGS = ['utf8', 'utf16le', 'utf16be', ...LEGACY_SCHEMES] as const;
export type EncodingName = (typeof ENCODINGS)[number];

const ALIASES: Record<string, EncodingName> = {
  utf8: 'utf8', unicode: 'utf8', ascii: 'utf8',
  utf16: 'utf16le', utf16le: 'utf16le', ucs2: 'utf16le', utf16be: 'utf16be',
  cp1258: 'cp1258', windows1258: 'cp1258', win1258: 'cp1258', 1258: 'cp1258',
  viscii: 'viscii',
  tcvn3: 'tcvn3', tcvn: 'tcvn3', abc: 'tcvn3', vn3: 'tcvn3', tcvn5712: 'tcvn3', vntime: 'tcvn3',
  vni: 'vni', vniwin: 'vni', vniwindows: 'vni', vnitimes: 'vni',
};

/** The canonical name of an --encoding value, or a USAGE error listing the accepted ones. */
export function normalizeEncodingName(name: string): EncodingName {
  const key = name.toLowerCase().replace(/[-_\s.]/g, '');
  const found = ALIASES[key];
  if (!found) throw new VnplanError('USAGE', `Unknown --encoding "${name}"; use one of ${ENCODINGS.join(', ')}`);
  return found;
}


/**
 * Document ids: stable (depend only on the relative path), filesystem-safe (ASCII
 * [a-z0-9-], short enough for any filesystem, no case-only differences) and readable.
 *
 * Why slug + hash rather than a reversible encoding: a reversible encoding of Vietnamese
 * paths (percent/base32) is long and unreadable in `ls out/`, and can exceed the 255-byte
 * file-name limit for deep paths. The slug makes the id readable; the hash of the exact
 * relative path (NFC, '/' separators) separates paths whose slugs coincide ("Kế hoạch.txt"
 * vs "ke-hoach.txt", or case variants on a case-insensitive disk). A 64-bit hash makes an
 * accidental collision astronomically unlikely, and the runner still checks: two input paths
 * with one id in a run, or an existing out/<docId>.json written for another path, fail that
 * document with an error instead of overwriting output (see runner/run-folder.ts).
 */
import { createHash } from 'node:crypto';

const MAX_SLUG = 60;

/** The canonical form of a relative path: NFC, forward slashes, no leading "./". */
export function canonicalRelPath(relPath: string): string {
  return relPath.normalize('NFC').replace(/\\/g, '/').replace(/^(\.\/)+/, '');
}

export function slugify(text: string): string {
  return text
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .replace(/[đĐ]/g, 'd')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, MAX_SLUG)
    .replace(/-+$/, '');
}

export function docIdFor(relPath: string): string {
  const canonical = canonicalRelPath(relPath);
  const hash = createHash('sha256').update(canonical, 'utf8').digest('hex').slice(0, 16);
  const slug = slugify(canonical);
  return slug ? `${slug}-${hash}` : hash;
}

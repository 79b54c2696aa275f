/** PDF text layers page by page: a .VnTime page is repaired, a Unicode page is left alone. */
import { describe, expect, it } from 'vitest';
import { encodeLegacy, misdecode, repairTextLayerPage } from '../../src/encoding/index.js';

describe('repairTextLayerPage', () => {
  const clean = 'Thực hiện Kế hoạch số 08/KH-UBND ngày 15/01/2024 của Ủy ban nhân dân huyện Long Thành';

  it('converts a page set in a VNI font and reports it on that page', () => {
    const layer = misdecode(encodeLegacy('vni', clean));
    expect(layer).not.toBe(clean);
    const result = repairTextLayerPage(layer, 3);
    expect(result).toMatchObject({ text: clean, changed: true, encoding: 'vni' });
    expect(result.diagnostics).toHaveLength(1);
    expect(result.diagnostics[0]).toMatchObject({ code: 'encoding.text-layer-repaired', position: { page: 3 } });
  });

  it('leaves a Unicode page untouched, without diagnostics', () => {
    expect(repairTextLayerPage(clean, 1)).toMatchObject({ text: clean, changed: false, encoding: 'unicode', diagnostics: [] });
  });

  it('follows --encoding: a forced scheme converts, utf8 turns repair off', () => {
    const layer = misdecode(encodeLegacy('tcvn3', clean));
    expect(repairTextLayerPage(layer, 1, { encoding: 'ABC' })).toMatchObject({ text: clean, changed: true, encoding: 'tcvn3' });
    expect(repairTextLayerPage(layer, 1, { encoding: 'utf8' })).toMatchObject({ text: layer, changed: false });
  });
});

/**
 * Shared slot templates (src/restore/slots.ts) and pair bonuses (src/restore/pairs.ts): every
 * occurrence of a token gets the same template, and a bonus or prior changes a copy — never
 * the shared template, which later tokens and texts reuse.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { ChannelModel, NamePrior, Restorer, loadLookalikes } from '../../src/restore/index.js';
import { CountTrigramLM } from '../../tools/lib/count-trigram-lm.js';
import { applyPairBonus, applyPairBonusAll, applyPairBonusAround, PairLexicon } from '../../src/restore/pairs.js';
import { changeCost, makeTemplate, ownSlot, setTemplateFreezing, SlotBuilder, slotOf, type TokenSlot } from '../../src/restore/slots.js';
import { tokenize } from '../../src/restore/tokenize.js';
import { seededInts } from '../support/prng.js';
import { dictionaryPath } from '../../src/dictionaries.js';

const rules = loadLookalikes(dictionaryPath());
const lm = new CountTrigramLM([
  ...Array.from({ length: 4 }, () => 'thì đưa thư cho anh.'),
  'phong trào thi đua.', 'phong trào thi đua.', 'Xã Đại Thắng thực hiện kế hoạch.', 'đầu tháng thực hiện.',
  ...Array.from({ length: 2 }, () => ['Ông Nguyễn Văn Hai làm việc.', 'Tỉnh Quảng Nam, Hải Phòng.', 'Quang cảnh đẹp.']).flat(),
]);

const costs = (slot: { candidates: readonly { cost: number }[] }): number[] => slot.candidates.map((c) => c.cost);

describe('slot templates', () => {
  const builder = new SlotBuilder(lm, new ChannelModel(lm, rules));
  it('gives every occurrence of a token the same template and shared slot', () => {
    const table = builder.table('stripped', 8);
    const slotFor = (t: typeof table, piece: ReturnType<typeof tokenize>[number]): TokenSlot => t.slotFor(piece, builder.info(piece.input));
    const [, a, b, c] = tokenize('va thi dua. thi');
    expect(slotFor(table, a)).toBe(slotFor(table, tokenize('cho thi')[1]));
    expect(table.wordSlot('thi', false)).toBe(slotFor(table, a));
    // Same list for a token after a sentence break, in a slot of its own (the restart flag differs).
    expect(c.sentenceStart).toBe(true);
    expect(slotFor(table, c)).not.toBe(slotFor(table, a));
    expect(slotFor(table, c).candidates).toBe(slotFor(table, a).candidates);
    expect(slotFor(table, b).candidates.map((x) => x.word)).toContain('đưa');
    expect(builder.table('stripped', 8)).toBe(table);
    const narrow = builder.table('stripped', 1);
    expect(narrow).not.toBe(table);
    expect(slotFor(narrow, b).candidates.length).toBeLessThan(slotFor(table, b).candidates.length);
    expect(slotFor(table, b).candidates.length).toBeGreaterThan(1);
  });
  it('copies on write: a changed cost never reaches the template or the other tokens', () => {
    const template = makeTemplate([{ word: 'đưa', cost: 1 }, { word: 'đua', cost: 2 }], [1, 2]);
    const slots: TokenSlot[] = [slotOf(template, false), slotOf(template, false)];
    expect(slots[0]).toBe(slots[1]);
    const owned = ownSlot(slots, 0);
    expect(owned).not.toBe(slots[1]);
    expect(ownSlot(slots, 0)).toBe(owned); // owned once
    changeCost(owned, 1, 2 - 0.7);
    expect(costs(slots[0])).toEqual([1, 1.3]);
    expect(costs(slots[1])).toEqual([1, 2]);
    expect(costs(template)).toEqual([1, 2]);
    expect(owned.candidates[0]).toBe(template.candidates[0]); // unchanged candidates stay shared
  });
  it('keeps facts per distinct token', () => {
    const info = builder.info('Thuc');
    expect(builder.info('Thuc')).toBe(info);
    expect(info).toMatchObject({ lower: 'thuc', marked: false, capitalised: true, englishOcrSign: false });
    expect(builder.info('hiện').marked).toBe(true);
    expect(builder.known('thuc', builder.info('thuc'))).toBe(true);
  });
});

describe('known words', () => {
  it('answers "does the garble channel offer a reading" as the full candidate list does', () => {
    const tokens = ['thuc', 'Thuc', 'hien', 'thi', 'dua', 'd', 'đ', 'x', 'b', 'k&', 'C6', 'Pinh', 'thyc', 'hién', 'nhiém', 'catheter', 'laser', 'qwrtz', 'ICD', '12', 'x3', 'chtc', 'ĐẠI', 'óc', 'éo'];
    for (const token of tokens) {
      const quick = new ChannelModel(lm, rules).offersGarbleReading(token);
      expect(quick, token).toBe(new ChannelModel(lm, rules).candidates(token, 'garble').length > 0);
      // A yes at a glance is a yes.
      if (new ChannelModel(lm, rules).offersReadingAtAGlance(token.toLowerCase())) expect(quick, token).toBe(true);
    }
  });
  it('searches only while the "is this Vietnamese" decision is open, and decides as a search of every word would', () => {
    const restorer = new Restorer(lm, rules, undefined, [], undefined, []);
    const channel = new ChannelModel(lm, rules);
    expect(channel.offersReadingAtAGlance('thyc')).toBe(false); // known only by a search
    expect(channel.offersGarbleReading('thyc')).toBe(true);
    const cases: [string, boolean, number][] = [
      ['thyc thyc thyc hien thuc', true, 0.6], // stripped, two words at a glance: searched until three of five are known
      ['thyc hién thyc hién thuc', true, 1], // garbled: its candidate lists count every word
      ['qwrtz laser qwrtz thuc hien', false, 0.4], // searched, none is known
      ['thuc hien thuc hien thyc', true, 0.8], // decided at a glance: "thyc" not searched
    ];
    for (const [text, applied, knownRatio] of cases) {
      const words = text.split(' ');
      const exhaustive = words.filter((w) => channel.offersGarbleReading(w)).length / words.length >= 0.6;
      const { stats } = restorer.restore(text);
      expect(stats.applied, text).toBe(applied);
      expect(stats.applied, text).toBe(exhaustive);
      expect(stats.knownRatio, text).toBe(knownRatio);
    }
  });
});

describe('pair bonuses', () => {
  const lexicon = PairLexicon.of([['thi', 'đua'], ['đua', 'khen'], ['thì', 'thi']]);
  const slotOfWords = (words: string[]): TokenSlot => slotOf(makeTemplate(words.map((word, i) => ({ word, cost: i })), words.map(() => -1)), false);
  it('finds the matching candidate pairs once per template pair', () => {
    const left = slotOfWords(['thì', 'thi']);
    const right = slotOfWords(['đưa', 'đua', 'thi']);
    const found = lexicon.matches(left.template, right.template);
    expect(found).toEqual([0, 2, 1, 1]);
    expect(lexicon.matches(left.template, right.template)).toBe(found);
    expect(lexicon.matches(right.template, left.template)).toEqual([]);
  });
  // The second run memoises thousands of boosted slots: the memo grows through several sizes.
  it.each([[12, 30], [60, 600]])('boosts a whole text, or one slot, exactly as pair by pair, and leaves the templates alone (%i templates, %i texts)', (templateCount, rounds) => {
    // Random lists over a few words; the whole-text path memoises boosted slots, the other copies per pair.
    const lexicon = PairLexicon.of([['thi', 'đua'], ['đua', 'khen'], ['thì', 'thi']]);
    const words = ['thi', 'thì', 'đua', 'đưa', 'khen', 'khên'];
    const random = seededInts(7);
    const templates = Array.from({ length: templateCount }, () => {
      const list = words.filter(() => random(2) === 0);
      return makeTemplate((list.length ? list : ['thi']).map((word) => ({ word, cost: random(100) / 7 })), list.map(() => -1));
    });
    const before = templates.map((t) => costs(t));
    // A text boosted first: its memoised slots must come back as the same objects after the memo has grown.
    const firstText = templates.slice(0, 8);
    const boostFirst = (): TokenSlot[] => {
      const slots = firstText.map((t) => slotOf(t, false));
      applyPairBonusAll(lexicon, slots, 0.7, () => true);
      return slots;
    };
    const firstBoosted = boostFirst();
    for (let round = 0; round < rounds; round++) {
      const n = 1 + random(10);
      const picked = Array.from({ length: n }, () => templates[random(templates.length)]);
      const pairs = Array.from({ length: n }, () => random(4) > 0);
      const whole = picked.map((t) => slotOf(t, false));
      applyPairBonusAll(lexicon, whole, 0.7, (i) => pairs[i]);
      const stepwise = picked.map((t) => slotOf(t, false));
      for (let i = 0; i + 1 < n; i++) if (pairs[i]) applyPairBonus(lexicon, stepwise, i, 0.7, true, true);
      expect(whole.map(costs)).toEqual(stepwise.map(costs));
      // One rebuilt slot: its two pairs, that slot only.
      const at = random(n);
      const around = picked.map((t) => slotOf(t, false));
      applyPairBonusAround(lexicon, around, at, 0.7, (i) => pairs[i]);
      const aroundStepwise = picked.map((t) => slotOf(t, false));
      if (at > 0 && pairs[at - 1]) applyPairBonus(lexicon, aroundStepwise, at - 1, 0.7, false, true);
      if (at + 1 < n && pairs[at]) applyPairBonus(lexicon, aroundStepwise, at, 0.7, true, false);
      expect(around.map(costs)).toEqual(aroundStepwise.map(costs));
    }
    expect(templates.map((t) => costs(t))).toEqual(before);
    const again = boostFirst();
    firstBoosted.forEach((slot, i) => expect(again[i]).toBe(slot));
  });
});

describe('restoring with shared templates', () => {
  const frozenBefore = setTemplateFreezing(true);
  afterAll(() => { setTemplateFreezing(frozenBefore); });
  it('never writes into a shared template (frozen here: a write would throw)', () => {
    const names = new NamePrior({ surnames: { nguyễn: 50 }, given: { quang: 40, quảng: 2, hải: 30, hai: 1 } });
    const restorer = new Restorer(lm, rules, undefined, ['Đại Thắng'], names, ['thi đua khen thưởng']);
    const texts = [
      'Xa Dai Thang thuc hien ke hoach. thi dua, thi dua', 'Xa Pai Thang thyc hién k& hoach', 'Xã Đại Thắng thực hiện kế hoạch.',
      'Giao ong Nguyen Quang Hai thuc hien thi dua', 'Giao 6ng Nguyen Quang Hai thyc hién',
    ];
    const first = texts.map((t) => restorer.restore(t, { restore: 'always', termBonus: 3, alternatives: 2 }));
    // Warm (memoised templates, matches and boosted slots) gives the same results as cold.
    const again = texts.map((t) => restorer.restore(t, { restore: 'always', termBonus: 3, alternatives: 2 }));
    expect(again).toEqual(first);
    expect(first[0].text).toContain('thi đua');
    expect(first[3].text).toContain('Nguyễn Quang Hải');
  });
  it('does not carry a term bonus over to the same token elsewhere', () => {
    const fresh = new Restorer(lm, rules, undefined, [], undefined, ['thi đua']);
    const alone = fresh.restore('dua', { restore: 'always', termBonus: 3 }).text;
    expect(alone).toBe('đưa');
    const restorer = new Restorer(lm, rules, undefined, [], undefined, ['thi đua']);
    expect(restorer.restore('thi dua', { restore: 'always', termBonus: 3 }).text).toBe('thi đua');
    // Had the bonus been written into the shared template of "dua", it would read "đua" here.
    expect(restorer.restore('dua', { restore: 'always', termBonus: 3 }).text).toBe(alone);
  });
});

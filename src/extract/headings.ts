/**
 * Standard section headings of administrative plans, decisions and reports. The outline
 * heading "Nữ đúng" or "GIẢI PHÁP THU'Ê HIỆN" is a restoration or OCR error of "Nội dung",
 * "GIẢI PHÁP THỰC HIỆN": headings repeat across documents of the genre, so a heading within
 * a letter or two of a standard one (compared without diacritics) takes its spelling.
 */
import { editDistance, fold, MOSTLY_UPPER_SHARE } from './text.js';

/** Headings as they are usually written (sentence case); matched without marks or punctuation. */
const STANDARD_HEADINGS = [
  'Mục đích, yêu cầu', 'Mục đích', 'Yêu cầu', 'Mục tiêu', 'Mục tiêu chung', 'Mục tiêu cụ thể', 'Quan điểm',
  'Nội dung', 'Nội dung thi đua', 'Nội dung phát động', 'Nội dung phong trào thi đua', 'Nội dung, chỉ tiêu thi đua',
  'Nội dung và hình thức', 'Nội dung thực hiện', 'Nội dung, hình thức thi đua', 'Nội dung, giải pháp',
  'Đối tượng', 'Đối tượng thi đua', 'Đối tượng, phạm vi', 'Đối tượng, phạm vi áp dụng', 'Đối tượng, số lượng, tiêu chí',
  'Đối tượng, tiêu chuẩn', 'Đối tượng khen thưởng', 'Phạm vi', 'Phạm vi điều chỉnh', 'Phạm vi, đối tượng',
  'Thời gian', 'Thời gian thực hiện', 'Thời gian tổ chức', 'Thời gian, địa điểm', 'Thời gian phát động',
  'Thời gian và tiến độ thực hiện', 'Tiến độ thực hiện', 'Địa điểm',
  'Nhiệm vụ', 'Nhiệm vụ, giải pháp', 'Nhiệm vụ và giải pháp', 'Nhiệm vụ trọng tâm', 'Nhiệm vụ cụ thể',
  'Các nhiệm vụ trọng tâm', 'Giải pháp', 'Giải pháp thực hiện', 'Các giải pháp', 'Các giải pháp chủ yếu',
  'Tổ chức thực hiện', 'Trách nhiệm thực hiện', 'Phân công nhiệm vụ', 'Phân công trách nhiệm', 'Phân công thực hiện',
  'Kinh phí', 'Kinh phí thực hiện', 'Kinh phí khen thưởng', 'Nguồn kinh phí',
  'Khen thưởng', 'Hình thức khen thưởng', 'Tiêu chuẩn khen thưởng', 'Hình thức, tiêu chuẩn khen thưởng',
  'Quy trình, thủ tục khen thưởng', 'Thủ tục, hồ sơ đề nghị khen thưởng', 'Hồ sơ đề nghị khen thưởng', 'Thành phần hồ sơ',
  'Khen thưởng và kinh phí khen thưởng', 'Số lượng khen thưởng', 'Số lượng', 'Tiêu chí', 'Tiêu chí thi đua',
  'Tiêu chí đánh giá', 'Chỉ tiêu', 'Chỉ tiêu thi đua', 'Chỉ tiêu cụ thể', 'Các chỉ tiêu chủ yếu',
  'Tập thể', 'Cá nhân', 'Hình thức', 'Hình thức tổ chức', 'Hình thức thi đua', 'Thành phần', 'Chương trình',
  'Chế độ báo cáo', 'Chế độ thông tin, báo cáo', 'Thông tin, báo cáo', 'Báo cáo', 'Sơ kết, tổng kết',
  'Kết quả đạt được', 'Kết quả thực hiện', 'Tình hình thực hiện', 'Tình hình', 'Đánh giá chung', 'Tồn tại, hạn chế',
  'Hạn chế', 'Nguyên nhân', 'Kiến nghị', 'Đề xuất, kiến nghị', 'Phương hướng', 'Phương hướng, nhiệm vụ',
  'Công tác tuyên truyền', 'Công tác chỉ đạo, điều hành', 'Cải cách thể chế', 'Cải cách thủ tục hành chính',
  'Cải cách tổ chức bộ máy hành chính nhà nước', 'Cải cách chế độ công vụ', 'Cải cách tài chính công',
  'Xây dựng và phát triển Chính phủ điện tử, Chính phủ số', 'Hiệu lực thi hành', 'Điều khoản thi hành',
  'Quy định chung', 'Những quy định chung', 'Quy định cụ thể', 'Điều khoản chuyển tiếp',
  'Khẩu hiệu thi đua', 'Khẩu hiệu', 'Đăng ký thi đua', 'Danh hiệu thi đua', 'Công tác khen thưởng', 'Điều kiện',
  'Đối tượng, tiêu chuẩn khen thưởng', 'Thời gian, hình thức', 'Nội dung kiểm tra', 'Phương pháp', 'Thành phần tham dự',
  'Mục tiêu, chỉ tiêu', 'Nhiệm vụ và giải pháp chủ yếu', 'Kiến nghị, đề xuất', 'Thời gian phát động phong trào thi đua',
  'Đối tượng và phạm vi', 'Nội dung và giải pháp', 'Hồ sơ, thủ tục', 'Tổ chức phát động',
];

const keyOf = (s: string) => fold(s).replace(/[^a-z0-9]+/g, ' ').trim();
const ENTRIES = STANDARD_HEADINGS.map((h) => ({ heading: h, key: keyOf(h), words: keyOf(h).split(' ') }));
const BY_KEY = new Map(ENTRIES.map((e) => [e.key, e.heading]));
const plain = (s: string) => s.normalize('NFC').toLocaleLowerCase('vi').replace(/[^\p{L}\p{N}]+/gu, ' ').trim();

const SYLLABLE = /^(ngh|ng|nh|ch|gh|gi|kh|ph|qu|th|tr|[bcdghklmnpqrstvx])?([aeiouy]+)(ch|ng|nh|[cmnpt])?$/;

/**
 * Distance between two folded headings: per syllable, a changed vowel nucleus between the
 * same consonants counts one ("nu" for "noi": restorers and OCR garble vowels most); other
 * differences count their letters. Headings of different syllable counts: letters only.
 */
function headingDistance(a: string, b: string, wa = a.split(' '), wb = b.split(' ')): number {
  if (wa.length !== wb.length) return editDistance(a, b);
  let d = 0;
  for (let i = 0; i < wa.length; i++) {
    const x = wa[i]!;
    const y = wb[i]!;
    if (x === y) continue;
    const mx = SYLLABLE.exec(x);
    const my = SYLLABLE.exec(y);
    // A changed first consonant between two well-formed syllables makes another word ("dự thi"
    // is not "cụ thể", "hoạt động" not "phát động"): past any tolerance.
    if (mx && my && (mx[1] ?? '') !== (my[1] ?? '') && !(OCR_ONSETS.has(mx[1] ?? '') && OCR_ONSETS.has(my[1] ?? ''))) return ONSET_CHANGE;
    d += mx && my && (mx[3] ?? '') === (my[3] ?? '') ? 1 : editDistance(x, y);
  }
  return d;
}

/** Distance of headings whose syllables differ in a first consonant: more than any tolerance. */
const ONSET_CHANGE = 99;
/** First consonants OCR reads for one another (Đ as P, B or D, folded "d"): a change among them is damage, not another word. */
const OCR_ONSETS = new Set(['d', 'p', 'b']);

/** Letters of difference tolerated for a heading of this many characters. */
function tolerance(length: number): number {
  return length >= 14 ? 2 : length >= 6 ? 1 : 0;
}

/**
 * The standard spelling of a heading that is a near miss of one, in the heading's own case
 * (upper case stays upper case), or null when it is already spelt right or matches none.
 */
export function standardHeading(title: string): string | null {
  if (title.length > 64) return null;
  const key = keyOf(title);
  if (!key || key.length > 60) return null;
  let best: { heading: string; d: number } | null = null;
  const exact = BY_KEY.get(key);
  const words = key.split(' ');
  if (exact) best = { heading: exact, d: 0 };
  else {
    for (const e of ENTRIES) {
      const tol = tolerance(e.key.length);
      // A changed vowel nucleus can shorten a syllable by two letters ("noi" → "u"); more than that is not a near miss.
      // Garbles leave the first letter of a heading alone in practice ("Nữ đúng", "MUC PiCH"): a cheap filter.
      if (tol === 0 || e.key[0] !== key[0] || Math.abs(e.key.length - key.length) > tol + 1) continue;
      const d = headingDistance(e.key, key, e.words, words);
      if (d <= tol && (!best || d < best.d)) best = { heading: e.heading, d };
    }
  }
  if (!best || plain(best.heading) === plain(title)) return null;
  const letters = title.match(/\p{L}/gu) ?? [];
  const upper = letters.filter((c) => c !== c.toLocaleLowerCase('vi')).length;
  return upper >= letters.length * MOSTLY_UPPER_SHARE ? best.heading.toLocaleUpperCase('vi') : best.heading;
}

/** Whether a heading is a standard one, as written or a near miss ("MỤC đích, YÊU CẦU" after a restorer lowered a word). */
export function isStandardHeading(title: string): boolean {
  return BY_KEY.has(keyOf(title)) || standardHeading(title) !== null;
}

/**
 * The document view: page images beside the final text, low-confidence tokens highlighted,
 * n / p to move between them, Enter or a click for the alternatives (accept, pick, type), and
 * the fields panel (a click shows a value's provenance span in the text and its box on the
 * page; a value can be corrected). Offsets are the machine text's; corrections say where they
 * apply now, and their values are shown in place.
 */
import { api, type Correction, type DocumentView, type Field, type Provenance, type Token } from './api.js';
import { el, reviewer, toast } from './dom.js';

interface Segment { start: number; end: number; node: Node }
interface Timings { openMs: number | null; sinceNavigationMs: number | null; navMs: number[] }
declare global { interface Window { __review: Timings } }
window.__review ??= { openMs: null, sinceNavigationMs: null, navMs: [] };

let doc: DocumentView;
let tokens: Token[] = [];
let tokenEls: HTMLElement[] = [];
let segments: Segment[] = [];
let cur = -1;
let popover: HTMLElement | null = null;
let textPane: HTMLElement;
let pagesPane: HTMLElement;
let fieldsPane: HTMLElement;
let keyHandler: ((e: KeyboardEvent) => void) | null = null;

const pct = (x: number) => `${Math.round(x * 100)} %`;

export async function showDocument(view: HTMLElement, docId: string, started: number): Promise<void> {
  doc = await api.document(docId);
  cur = -1;
  document.getElementById('crumb')!.textContent = doc.relPath;
  textPane = el('section', { class: 'text', id: 'text', tabindex: '-1', 'aria-label': 'Văn bản' });
  pagesPane = el('section', { class: 'pages', id: 'pages', 'aria-label': 'Trang' });
  fieldsPane = el('aside', { class: 'fields', id: 'fields', 'aria-label': 'Trường' });
  const counter = el('span', { id: 'counter', class: 'counter' });
  const bar = el('div', { class: 'docbar' },
    el('a', { href: '#/', class: 'back' }, '← Danh sách'),
    counter,
    el('button', { type: 'button', id: 'prev' }, '‹ p'),
    el('button', { type: 'button', id: 'next' }, 'n ›'),
    el('button', { type: 'button', id: 'toggle-fields' }, 'Trường (f)'),
    el('span', { class: 'hint' }, 'n / p: chữ kế / trước · Enter: lựa chọn · 1–3 chọn · a: chấp nhận · Esc: đóng'),
  );
  view.replaceChildren(el('div', { class: 'doc' }, bar, el('div', { class: 'panes' }, pagesPane, textPane, fieldsPane)));
  bar.querySelector('#prev')!.addEventListener('click', () => go(cur - 1));
  bar.querySelector('#next')!.addEventListener('click', () => go(cur + 1));
  bar.querySelector('#toggle-fields')!.addEventListener('click', () => fieldsPane.classList.toggle('hidden'));
  renderPages();
  renderText();
  renderFields();
  installKeys();
  textPane.focus({ preventScroll: true });
  const first = pagesPane.querySelector('img');
  const done = () => {
    window.__review.openMs = performance.now() - started;
    // performance.now() counts from the navigation's start: page, bundle, API and first image included.
    window.__review.sinceNavigationMs = performance.now();
  };
  if (first && !first.complete) {
    first.addEventListener('load', done, { once: true });
    first.addEventListener('error', done, { once: true });
  } else done();
}

export function leaveDocument(): void {
  if (keyHandler) document.removeEventListener('keydown', keyHandler);
  keyHandler = null;
  closePopover();
}

function renderPages(): void {
  const withImages = doc.pages.filter((p) => p.image);
  if (withImages.length === 0) {
    pagesPane.replaceChildren(el('p', { class: 'noimage' }, doc.kind === 'text' ? 'Văn bản gốc là tệp chữ: không có ảnh trang.' : 'Không có ảnh trang.'));
    pagesPane.classList.add('empty');
    return;
  }
  pagesPane.replaceChildren(...withImages.map((p, i) => {
    const img = el('img', { src: api.pageUrl(doc.docId, p.number), alt: `Trang ${p.number}`, loading: i === 0 ? 'eager' : 'lazy', decoding: 'async' });
    const fig = el('figure', { class: 'page', 'data-page': String(p.number) }, img, el('div', { class: 'bbox', hidden: '' }), el('figcaption', {}, `Trang ${p.number}`));
    img.addEventListener('load', () => fig.classList.add('loaded'), { once: true });
    return fig;
  }));
}

/** Corrections that apply now, by machine-text position. */
function textCorrections(): Correction[] {
  return doc.corrections.filter((c) => c.target === 'text' && c.at).sort((a, b) => a.at!.start - b.at!.start);
}

function correctionAt(start: number, end: number): Correction | undefined {
  return doc.corrections.find((c) => c.target === 'text' && c.at && c.at.start === start && c.at.end === end);
}

function renderText(): void {
  tokens = [...doc.lowConfidence.tokens].sort((a, b) => a.start - b.start);
  const marks: { start: number; end: number; token?: number; correction?: Correction }[] = [];
  tokens.forEach((t, i) => marks.push({ start: t.start, end: t.end, token: i, correction: correctionAt(t.start, t.end) }));
  for (const c of textCorrections()) if (!marks.some((m) => m.correction === c)) marks.push({ start: c.at!.start, end: c.at!.end, correction: c });
  marks.sort((a, b) => a.start - b.start);
  const body = el('div', { class: 'body' });
  segments = [];
  tokenEls = new Array(tokens.length);
  let cursor = 0;
  const text = doc.text;
  for (const m of marks) {
    if (m.start < cursor) continue;
    if (m.start > cursor) {
      const node = document.createTextNode(text.slice(cursor, m.start));
      body.append(node);
      segments.push({ start: cursor, end: m.start, node });
    }
    const shown = m.correction ? m.correction.value! : text.slice(m.start, m.end);
    const span = el('span', { class: 'tok' }, shown);
    if (m.token !== undefined) {
      span.classList.add('low');
      span.dataset.i = String(m.token);
      span.tabIndex = -1;
      span.title = `${tokens[m.token]!.input} → ${tokens[m.token]!.output} (${pct(tokens[m.token]!.confidence)})`;
      tokenEls[m.token] = span;
      const i = m.token;
      span.addEventListener('click', () => { go(i); openPopover(); });
    }
    if (m.correction) {
      span.classList.add('fixed');
      span.title = `${m.correction.original} → ${m.correction.value} · ${m.correction.who}, ${m.correction.when.slice(0, 16).replace('T', ' ')}`;
    }
    body.append(span);
    segments.push({ start: m.start, end: m.end, node: span.firstChild! });
    cursor = m.end;
  }
  if (cursor < text.length) {
    const node = document.createTextNode(text.slice(cursor));
    body.append(node);
    segments.push({ start: cursor, end: text.length, node });
  }
  const stale = doc.corrections.filter((c) => c.status === 'stale');
  const notes: HTMLElement[] = [];
  if (doc.correctionsError) notes.push(el('div', { class: 'note error' }, doc.correctionsError));
  if (stale.length) {
    notes.push(el('div', { class: 'note stale' }, el('strong', {}, `${stale.length} sửa chữa cần xem lại (văn bản đã đổi sau lần chạy lại):`),
      el('ul', {}, ...stale.map((c) => {
        const undo = el('button', { type: 'button' }, 'Xoá');
        undo.addEventListener('click', () => void undoCorrection(c.id));
        return el('li', {}, c.target === 'field' ? `${c.field}: ${c.original ?? '∅'} → ${c.value ?? '∅'} ` : `…${c.before ?? ''}[${c.original} → ${c.value}]${c.after ?? ''}… `, undo);
      }))));
  }
  if (doc.lowConfidence.omitted) notes.push(el('div', { class: 'note' }, `${doc.lowConfidence.omitted} chữ độ tin cậy thấp khác không được liệt kê.`));
  textPane.replaceChildren(...notes, body);
  if (cur >= tokens.length) cur = tokens.length - 1;
  if (cur >= 0) tokenEls[cur]?.classList.add('current');
  updateCounter();
}

function updateCounter(): void {
  const counter = document.getElementById('counter');
  if (!counter) return;
  const fixed = tokens.filter((t) => correctionAt(t.start, t.end)).length;
  counter.textContent = tokens.length
    ? `${cur >= 0 ? cur + 1 : '–'} / ${tokens.length} chữ cần xem · ${fixed} đã duyệt`
    : 'Không có chữ độ tin cậy thấp';
}

/** Moves to token i: marks it, scrolls the text and the page of the token into view. */
function go(i: number): void {
  if (tokens.length === 0) return;
  const t0 = performance.now();
  closePopover();
  const next = Math.max(0, Math.min(tokens.length - 1, i));
  tokenEls[cur]?.classList.remove('current');
  cur = next;
  const span = tokenEls[cur]!;
  span.classList.add('current');
  span.focus({ preventScroll: true });
  span.scrollIntoView({ block: 'center' });
  showPageOf(tokens[cur]!.start);
  updateCounter();
  window.__review.navMs.push(performance.now() - t0);
}

function showPageOf(offset: number): void {
  const page = doc.pages.find((p) => offset >= p.start && offset < p.end) ?? doc.pages.find((p) => offset < p.end);
  const fig = page && pagesPane.querySelector<HTMLElement>(`figure[data-page="${page.number}"]`);
  if (fig) pagesPane.scrollTop = fig.offsetTop - pagesPane.offsetTop;
}

function closePopover(): void {
  popover?.remove();
  popover = null;
}

function openPopover(): void {
  closePopover();
  const t = tokens[cur];
  const span = tokenEls[cur];
  if (!t || !span) return;
  const existing = correctionAt(t.start, t.end);
  const machine = doc.text.slice(t.start, t.end);
  const choice = (label: string, key: string, value: string, action: 'accept' | 'pick') => {
    const b = el('button', { type: 'button', 'data-key': key, class: action }, el('kbd', {}, key), ` ${label}`);
    b.addEventListener('click', () => void correctToken(value, action));
    return b;
  };
  const input = el('input', { type: 'text', value: existing?.value ?? machine, 'aria-label': 'Sửa thành', spellcheck: 'false' });
  const save = el('button', { type: 'button', class: 'save' }, 'Lưu');
  const submit = () => {
    const v = input.value.trim();
    if (v) void correctToken(v, v === machine ? 'accept' : 'type');
  };
  save.addEventListener('click', submit);
  input.addEventListener('keydown', (e) => {
    if (e.key === 'Enter') { e.preventDefault(); submit(); }
    if (e.key === 'Escape') { e.preventDefault(); closePopover(); span.focus(); }
    e.stopPropagation();
  });
  const rows: (Node | null)[] = [
    el('div', { class: 'what' }, el('span', { class: 'in' }, t.input), ' → ', el('strong', {}, machine), ` · ${pct(t.confidence)}`),
    choice(`Chấp nhận “${machine}”`, 'a', machine, 'accept'),
    ...t.alternatives.slice(0, 3).map((a, k) => choice(`${a.output} (${pct(a.score)})`, String(k + 1), a.output, 'pick')),
    el('div', { class: 'type' }, input, save),
  ];
  if (existing) {
    const undo = el('button', { type: 'button', class: 'undo' }, `Hoàn tác (${existing.value})`);
    undo.addEventListener('click', () => void undoCorrection(existing.id));
    rows.push(undo);
  }
  popover = el('div', { class: 'popover', role: 'dialog', 'aria-label': 'Lựa chọn' }, ...rows);
  textPane.append(popover);
  const box = span.getBoundingClientRect();
  const paneBox = textPane.getBoundingClientRect();
  // Kept inside the text pane (which clips what overflows it).
  const maxLeft = textPane.clientWidth - popover.offsetWidth - 8;
  popover.style.left = `${Math.max(0, Math.min(box.left - paneBox.left + textPane.scrollLeft, maxLeft))}px`;
  popover.style.top = `${box.bottom - paneBox.top + textPane.scrollTop + 4}px`;
}

async function correctToken(value: string, action: 'accept' | 'pick' | 'type'): Promise<void> {
  const t = tokens[cur];
  if (!t) return;
  try {
    const res = await api.correct(doc.docId, { target: 'text', start: t.start, end: t.end, original: doc.text.slice(t.start, t.end), value, action, who: reviewer() });
    doc = res.document;
    const at = cur;
    closePopover();
    renderText();
    toast(action === 'accept' ? `Đã chấp nhận “${value}”` : `Đã sửa thành “${value}”`);
    go(at + 1 < tokens.length ? at + 1 : at);
  } catch (err) {
    toast(`Không lưu được: ${(err as Error).message}`, 'error');
  }
}

async function undoCorrection(id: string): Promise<void> {
  try {
    doc = (await api.undo(doc.docId, id)).document;
    closePopover();
    renderText();
    renderFields();
    toast('Đã hoàn tác');
  } catch (err) {
    toast(`Không hoàn tác được: ${(err as Error).message}`, 'error');
  }
}

/** A DOM Range over machine-text offsets [start, end) (a corrected span counts whole). */
function rangeFor(start: number, end: number): Range | null {
  const first = segments.find((s) => s.end > start);
  const last = [...segments].reverse().find((s) => s.start < end);
  if (!first || !last) return null;
  const range = document.createRange();
  const within = (s: Segment, at: number) => (s.node.parentElement?.classList.contains('tok') ? (at <= s.start ? 0 : s.node.textContent!.length) : Math.min(s.node.textContent!.length, Math.max(0, at - s.start)));
  range.setStart(first.node, within(first, start));
  range.setEnd(last.node, within(last, end));
  return range;
}

function showProvenance(p: Provenance | null): void {
  CSS.highlights?.delete('prov');
  for (const b of pagesPane.querySelectorAll<HTMLElement>('.bbox')) b.hidden = true;
  if (!p) { toast('Không có vị trí trong văn bản'); return; }
  const range = rangeFor(p.start, p.end);
  if (range) {
    if (typeof Highlight !== 'undefined') CSS.highlights.set('prov', new Highlight(range));
    // Scroll by the range's own box: its text node's parent may be the whole text.
    const box = range.getBoundingClientRect();
    const pane = textPane.getBoundingClientRect();
    textPane.scrollTop += box.top - pane.top - textPane.clientHeight / 3;
  }
  const page = p.page ?? doc.pages.find((pg) => p.start >= pg.start && p.start < pg.end)?.number;
  const fig = page ? pagesPane.querySelector<HTMLElement>(`figure[data-page="${page}"]`) : null;
  if (!fig) return;
  pagesPane.scrollTop = fig.offsetTop - pagesPane.offsetTop;
  if (!p.bbox) return;
  const img = fig.querySelector('img')!;
  const box = fig.querySelector<HTMLElement>('.bbox')!;
  const place = () => {
    const scale = (doc.pages.find((pg) => pg.number === page)?.bboxScale ?? 1) * (img.clientWidth / img.naturalWidth);
    Object.assign(box.style, { left: `${p.bbox!.x0 * scale}px`, top: `${p.bbox!.y0 * scale}px`, width: `${(p.bbox!.x1 - p.bbox!.x0) * scale}px`, height: `${(p.bbox!.y1 - p.bbox!.y0) * scale}px` });
    box.hidden = false;
    pagesPane.scrollTop = fig.offsetTop - pagesPane.offsetTop + Math.max(0, p.bbox!.y0 * scale - 80);
  };
  if (img.complete && img.naturalWidth) place();
  else img.addEventListener('load', place, { once: true });
}

function renderFields(): void {
  const rows = doc.fields.map((f) => fieldRow(f));
  const items = doc.items.filter((i) => i.text).map((i) => {
    const b = el('button', { type: 'button', class: 'item' }, el('span', { class: 'kind' }, i.kind), ` ${i.text}`);
    b.addEventListener('click', () => showProvenance(i.provenance));
    return el('li', {}, b);
  });
  fieldsPane.replaceChildren(el('h2', {}, 'Trường'), el('table', {}, el('tbody', {}, ...rows)));
  if (items.length) fieldsPane.append(el('h3', {}, 'Mục khác'), el('ul', { class: 'items' }, ...items));
}

function fieldRow(f: Field): HTMLElement {
  const value = el('button', { type: 'button', class: 'value', 'data-field': f.path }, f.value ?? '—');
  value.addEventListener('click', () => showProvenance(f.provenance));
  const edit = el('button', { type: 'button', class: 'edit', title: 'Sửa', 'aria-label': `Sửa ${f.label}` }, '✎');
  const cell = el('td', {}, value);
  if (f.humanVerified) cell.append(el('span', { class: 'verified', title: `${f.humanVerified.who}, ${f.humanVerified.when}` }, ` ✓ ${f.humanVerified.who}`));
  edit.addEventListener('click', () => {
    const input = el('input', { type: 'text', value: f.value ?? '', 'aria-label': f.label });
    input.addEventListener('keydown', (e) => {
      e.stopPropagation();
      if (e.key === 'Escape') renderFields();
      if (e.key !== 'Enter') return;
      const v = input.value.trim();
      void api.correct(doc.docId, { target: 'field', field: f.path, original: f.machineValue, value: v === '' ? null : v, who: reviewer() })
        .then((res) => { doc = res.document; renderFields(); toast(`Đã sửa ${f.label}`); })
        .catch((err: Error) => toast(`Không lưu được: ${err.message}`, 'error'));
    });
    cell.replaceChildren(input);
    input.focus();
  });
  return el('tr', { class: f.humanVerified ? 'verified' : '' }, el('th', {}, f.label), cell, el('td', { class: 'conf' }, pct(f.confidence)), el('td', {}, edit));
}

function installKeys(): void {
  if (keyHandler) document.removeEventListener('keydown', keyHandler);
  keyHandler = (e: KeyboardEvent) => {
    if (e.ctrlKey || e.metaKey || e.altKey) return;
    const target = e.target as HTMLElement;
    if (target.tagName === 'INPUT' || target.tagName === 'SELECT' || target.tagName === 'TEXTAREA') return;
    if (popover) {
      const b = popover.querySelector<HTMLButtonElement>(`button[data-key="${e.key}"]`);
      if (b) { e.preventDefault(); b.click(); return; }
      if (e.key === 'Escape') { e.preventDefault(); closePopover(); tokenEls[cur]?.focus(); return; }
    }
    if (e.key === 'n') { e.preventDefault(); go(cur + 1); } else if (e.key === 'p') { e.preventDefault(); go(cur - 1); } else if (e.key === 'Enter' && cur >= 0 && (target === textPane || target.classList.contains('tok') || target === document.body)) {
      e.preventDefault();
      openPopover();
    } else if (e.key === 'f') fieldsPane.classList.toggle('hidden');
  };
  document.addEventListener('keydown', keyHandler);
}

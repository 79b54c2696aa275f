/** The documents list: status, type, number, date, issuer, failures with code and remedy, low-confidence counts; sort and filter. */
import { api, type DocumentRow } from './api.js';
import { el } from './dom.js';

type SortKey = 'relPath' | 'status' | 'documentType' | 'number' | 'issueDate' | 'issuer' | 'lowConfidence' | 'corrections';
const COLUMNS: [SortKey, string][] = [
  ['relPath', 'Tệp'], ['status', 'Trạng thái'], ['documentType', 'Loại'], ['number', 'Số'], ['issueDate', 'Ngày'],
  ['issuer', 'Cơ quan ban hành'], ['lowConfidence', 'Cần xem'], ['corrections', 'Đã sửa'],
];
const state = { sort: 'relPath' as SortKey, desc: false, filter: '', status: 'all' };

const fold = (s: string) => s.normalize('NFD').replace(/\p{M}/gu, '').replace(/đ/g, 'd').replace(/Đ/g, 'D').toLowerCase();

function matches(row: DocumentRow): boolean {
  if (state.status === 'failed' && row.status !== 'failed') return false;
  if (state.status === 'review' && row.lowConfidence === 0 && row.stale === 0) return false;
  if (state.status === 'corrected' && row.corrections === 0) return false;
  if (!state.filter) return true;
  const hay = fold([row.relPath, row.documentType, row.number, row.issuer, row.title, row.issueDate, row.error?.code].filter(Boolean).join(' '));
  return fold(state.filter).split(/\s+/).every((w) => hay.includes(w));
}

function compare(a: DocumentRow, b: DocumentRow): number {
  const x = a[state.sort];
  const y = b[state.sort];
  const r = typeof x === 'number' && typeof y === 'number' ? x - y : String(x ?? '').localeCompare(String(y ?? ''), 'vi');
  return state.desc ? -r : r;
}

export async function showList(view: HTMLElement): Promise<void> {
  const { documents } = await api.documents();
  const filter = el('input', { type: 'search', id: 'filter', placeholder: 'Lọc: tệp, số, cơ quan, loại…', value: state.filter });
  const status = el('select', { id: 'status-filter' },
    ...[['all', 'Tất cả'], ['review', 'Cần xem'], ['failed', 'Lỗi'], ['corrected', 'Đã sửa']].map(([v, t]) => {
      const o = el('option', { value: v! }, t!);
      if (v === state.status) o.selected = true;
      return o;
    }));
  const count = el('span', { class: 'count' });
  const tbody = el('tbody');
  const head = el('tr', {}, ...COLUMNS.map(([key, label]) => {
    const th = el('th', { 'data-key': key, tabindex: '0', 'aria-sort': state.sort === key ? (state.desc ? 'descending' : 'ascending') : 'none' }, label);
    const sortBy = () => {
      state.desc = state.sort === key ? !state.desc : key === 'lowConfidence' || key === 'corrections';
      state.sort = key;
      render();
    };
    th.addEventListener('click', sortBy);
    th.addEventListener('keydown', (e) => { if (e.key === 'Enter') sortBy(); });
    return th;
  }));
  const table = el('table', { class: 'docs' }, el('thead', {}, head), tbody);
  function render(): void {
    for (const th of head.querySelectorAll('th')) th.setAttribute('aria-sort', th.dataset.key === state.sort ? (state.desc ? 'descending' : 'ascending') : 'none');
    const rows = documents.filter(matches).sort(compare);
    count.textContent = `${rows.length} / ${documents.length} văn bản`;
    tbody.replaceChildren(...rows.map((row) => {
      const open = () => { location.hash = `#/doc/${row.docId}`; };
      const statusCell = el('td', { class: `status ${row.status}` }, row.status);
      const tr = el('tr', { tabindex: '0', 'data-doc': row.docId, class: row.status === 'failed' ? 'failed' : '' },
        el('td', { class: 'path' }, row.relPath, row.title ? el('div', { class: 'title' }, row.title) : null),
        statusCell,
        el('td', {}, row.documentType ?? '—'),
        el('td', {}, row.number ?? '—'),
        el('td', {}, row.issueDate ?? '—'),
        el('td', {}, row.issuer ?? '—'),
        el('td', { class: row.lowConfidence ? 'num warn' : 'num' }, String(row.lowConfidence)),
        el('td', { class: row.stale ? 'num warn' : 'num' }, row.stale ? `${row.corrections} (${row.stale} cần xem lại)` : String(row.corrections)),
      );
      if (row.error) {
        statusCell.append(el('div', { class: 'error' }, el('code', {}, row.error.code), ' ', row.error.message),
          el('div', { class: 'remedy' }, row.error.remedy));
      } else {
        tr.addEventListener('click', open);
        tr.addEventListener('keydown', (e) => { if (e.key === 'Enter') open(); });
      }
      return tr;
    }));
  }
  filter.addEventListener('input', () => { state.filter = filter.value; render(); });
  status.addEventListener('change', () => { state.status = status.value; render(); });
  render();
  view.replaceChildren(el('div', { class: 'list' }, el('div', { class: 'tools' }, filter, status, count), table));
  document.getElementById('crumb')!.textContent = '';
}

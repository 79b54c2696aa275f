/** The review page's entry: hash routes #/ (documents list) and #/doc/<docId> (document view). */
import { api } from './api.js';
import { leaveDocument, showDocument } from './doc.js';
import { showList } from './list.js';
import { toast } from './dom.js';

const WHO_KEY = 'vnplan-review-who';

async function route(): Promise<void> {
  const started = performance.now();
  const view = document.getElementById('view')!;
  leaveDocument();
  const m = /^#\/doc\/([a-z0-9-]+)$/.exec(location.hash);
  try {
    if (m) await showDocument(view, m[1]!, started);
    else await showList(view);
  } catch (err) {
    view.replaceChildren(Object.assign(document.createElement('p'), { className: 'fail', textContent: `Lỗi: ${(err as Error).message}` }));
    toast((err as Error).message, 'error');
  }
}

async function start(): Promise<void> {
  const who = document.getElementById('who') as HTMLInputElement;
  who.value = localStorage.getItem(WHO_KEY) ?? '';
  who.addEventListener('change', () => localStorage.setItem(WHO_KEY, who.value.trim()));
  api.config().then((c) => { if (!who.value) who.placeholder = c.user; document.title = `vnplan review — ${c.folder}`; }).catch(() => undefined);
  window.addEventListener('hashchange', () => void route());
  await route();
}

void start();

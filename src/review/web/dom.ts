/** Small DOM helpers: elements are built with textContent only (no HTML strings: record text is untrusted). */
export function el<K extends keyof HTMLElementTagNameMap>(tag: K, attrs: Record<string, string> = {}, ...children: (Node | string | null)[]): HTMLElementTagNameMap[K] {
  const node = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) node.setAttribute(k, v);
  for (const c of children) if (c !== null) node.append(c);
  return node;
}

export function toast(message: string, kind: 'ok' | 'error' = 'ok'): void {
  const box = document.getElementById('toast')!;
  box.textContent = message;
  box.className = `show ${kind}`;
  window.clearTimeout(Number(box.dataset.timer));
  box.dataset.timer = String(window.setTimeout(() => { box.className = ''; }, kind === 'error' ? 6000 : 2000));
}

export function reviewer(): string | undefined {
  const v = (document.getElementById('who') as HTMLInputElement).value.trim();
  return v || undefined;
}

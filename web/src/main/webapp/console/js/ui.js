// DOM helpers. Text always goes in as text (textContent), never as HTML; nothing sets a style attribute, so the
// Content-Security-Policy needs no 'unsafe-inline'.

let fieldIds = 0;

/** h('button', {class: 'x', onclick: f}, 'text', child…) */
export function h(tag, attributes = {}, ...children) {
  const element = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes || {})) {
    if (value === undefined || value === null || value === false) continue;
    if (name.startsWith('on') && typeof value === 'function') element.addEventListener(name.slice(2), value);
    else if (name === 'class') element.className = value;
    else if (name === 'dataset') Object.assign(element.dataset, value);
    else if (name === 'value') element.value = value;
    else element.setAttribute(name, value === true ? '' : value);
  }
  append(element, children);
  return element;
}

function append(element, children) {
  for (const child of children.flat(Infinity)) {
    if (child === undefined || child === null || child === false) continue;
    element.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
}

/** A labelled form field: label + control, tied by id. */
export function field(label, control, hint) {
  const id = control.id || `field-${++fieldIds}`;
  control.id = id;
  const hintElement = hint ? h('small', { class: 'muted', id: `${id}-hint` }, hint) : null;
  if (hintElement) control.setAttribute('aria-describedby', hintElement.id);
  return h('div', { class: 'field' }, h('label', { for: id }, label), control, hintElement);
}

export function select(options, attributes = {}) {
  return h('select', attributes, options.map(([value, label]) => h('option', { value }, label ?? value)));
}

export function table(columns, rows, { caption, empty = 'Nothing here yet.', label } = {}) {
  if (!rows.length) return h('p', { class: 'muted' }, empty);
  // a wide table scrolls sideways on a narrow screen: its region can take the keyboard's focus to scroll it
  const name = label || caption || columns.map(column => column.label).filter(Boolean).join(', ');
  return h('div', { class: 'table-wrap', tabindex: 0, role: 'region', 'aria-label': name }, h('table', {},
    caption ? h('caption', { class: 'muted' }, caption) : null,
    h('thead', {}, h('tr', {}, columns.map(column => h('th', { scope: 'col', class: column.num ? 'num' : null }, column.label)))),
    h('tbody', {}, rows.map(row => h('tr', {}, columns.map(column => h('td', { class: column.num ? 'num' : null }, column.value(row))))))));
}

/** Replaces a container's content. */
export function show(container, ...children) {
  container.replaceChildren();
  append(container, children);
  return container;
}

/** The API's refusal, shown where the action was taken. */
export function errorBox(error) {
  const extra = error.permission ? ` (missing permission: ${error.permission})` : '';
  return h('div', { class: 'error', role: 'alert' }, `${error.message}${extra}`);
}

export function successBox(text) {
  return h('div', { class: 'success', role: 'status' }, text);
}

/** Runs an action from a button or form: disables it meanwhile, shows the API's error in `where` on failure. */
export async function act(where, action, trigger) {
  if (trigger) trigger.disabled = true;
  where?.querySelectorAll(':scope > .error').forEach(node => node.remove());
  try {
    return await action();
  } catch (error) {
    if (error.status === 401) return undefined; // the session ended: the sign-in page has taken over
    if (where) where.prepend(errorBox(error)); else toast(error.message);
    return undefined;
  } finally {
    if (trigger) trigger.disabled = false;
  }
}

export function toast(text) {
  const box = document.getElementById('toast');
  box.textContent = text;
  box.hidden = false;
  clearTimeout(toast.timer);
  toast.timer = setTimeout(() => { box.hidden = true; }, 6000);
}

/** An accessible confirmation (a modal <dialog>): resolves true only when the person confirms. */
export function confirmAction(question, confirmLabel = 'Confirm') {
  return new Promise(resolve => {
    const dialog = h('dialog', { 'aria-labelledby': 'confirm-title' });
    const done = answer => { dialog.close(); dialog.remove(); resolve(answer); };
    dialog.append(
      h('h2', { id: 'confirm-title' }, question),
      h('div', { class: 'actions' },
        h('button', { type: 'button', class: 'danger', onclick: () => done(true) }, confirmLabel),
        h('button', { type: 'button', class: 'secondary', onclick: () => done(false) }, 'Cancel')));
    dialog.addEventListener('cancel', () => done(false));
    document.body.append(dialog);
    dialog.showModal();
    dialog.querySelector('button.secondary').focus();
  });
}

/** Runs `action` through act() when `form` is submitted (the page never reloads; its button is disabled meanwhile). */
export function onSubmit(form, action) {
  form.addEventListener('submit', async event => {
    event.preventDefault();
    await act(form, action, form.querySelector('button'));
  });
  return form;
}

/**
 * A button that runs `action` through act() in `where` (disabled meanwhile, the API's refusal shown there), after a
 * modal confirmation when `confirm` names the question.
 */
export function actionButton(label, where, action, { kind = 'secondary', id, ariaLabel, confirm, confirmLabel = label } = {}) {
  const button = h('button', { type: 'button', class: kind, id, 'aria-label': ariaLabel }, label);
  button.addEventListener('click', async () => {
    if (confirm && !await confirmAction(confirm, confirmLabel)) return;
    await act(where, action, button);
  });
  return button;
}

/**
 * A cursor-paged list: renders a page with `render(items)` and Previous / Next buttons. Follows either cursor the API
 * uses: after_id with last_id (the Admin API's older lists) or page with next_page (its newer ones).
 */
export function pagedList(container, load, render, { limit = 20 } = {}) {
  const cursors = []; // the cursor of each page shown before this one
  let current;
  const go = async cursor => {
    const result = await act(container, () => load({ limit, ...(cursor || {}) }));
    if (!result) return;
    current = cursor;
    const next = 'next_page' in result ? { page: result.next_page } : { after_id: result.last_id };
    const previousButton = h('button', { type: 'button', class: 'secondary', disabled: cursors.length === 0 }, 'Previous');
    const nextButton = h('button', { type: 'button', class: 'secondary', disabled: !result.has_more }, 'Next');
    previousButton.addEventListener('click', () => go(cursors.pop()));
    nextButton.addEventListener('click', () => { cursors.push(cursor); go(next); });
    const pager = result.has_more || cursors.length ? h('div', { class: 'pager', role: 'navigation', 'aria-label': 'Pages' }, previousButton, nextButton) : null;
    show(container, render(result.data), pager);
  };
  go(undefined);
  return { reload: () => go(current) };
}

export function csv(rows, columns) {
  const quote = value => {
    const text = value === null || value === undefined ? '' : String(value);
    const safe = /^[=+\-@\t\r]/.test(text) ? `'${text}` : text; // no formula injection into spreadsheets
    return /[",\n\r]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
  };
  return [columns.map(c => quote(c.label)).join(','), ...rows.map(row => columns.map(c => quote(c.value(row))).join(','))].join('\r\n') + '\r\n';
}

export function download(filename, text, type = 'text/csv') {
  const url = URL.createObjectURL(new Blob([text], { type }));
  const link = h('a', { href: url, download: filename });
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10000);
}

export function copyButton(text, label = 'Copy') {
  const button = h('button', { type: 'button', class: 'secondary' }, label);
  button.addEventListener('click', async () => {
    try {
      await navigator.clipboard.writeText(text);
      button.textContent = 'Copied';
    } catch {
      button.textContent = 'Select and copy by hand';
    }
  });
  return button;
}

export const when = value => (value ? new Date(value).toLocaleString() : '—');
export const day = date => date.toISOString().slice(0, 10);

// The audit stream: where the organization's audit events are delivered (webhook endpoints), each endpoint's delivery
// health, and the signing secret shown once. audit:read only; the server decides every change and checks every URL.
import * as api from './api.js';
import { h, show, field, table, actionButton, onSubmit, when } from './ui.js';
import { secretPanel } from './pages.js';

const heading = text => h('h1', {}, text);

const health = e => {
  const d = e.delivery || {};
  if (e.state === 'disabled') return h('span', { class: 'badge danger' }, `disabled: ${e.disabled_reason || 'by its owner'}`);
  if (d.failed_attempts) return h('span', { class: 'badge warning' }, `failing since ${when(d.failing_since)} (${d.failed_attempts} tries; next ${when(d.next_attempt_at)}): ${d.last_error}`);
  return h('span', { class: 'badge ok' }, d.delivered_count ? `healthy: ${d.delivered_count} delivered, last ${when(d.last_delivered_at)}` : 'healthy: nothing delivered yet');
};

async function webhooks(main, context) {
  const endpoints = await api.call('/organizations/webhooks', { params: { limit: 100 } });
  const created = h('div', { id: 'webhook-created' });
  const list = h('div', { class: 'panel', id: 'webhook-endpoints' }, h('h2', {}, 'Endpoints'));
  const add = h('div', { class: 'panel', id: 'webhook-add' }, h('h2', {}, 'Add an endpoint'));
  show(main, heading('Audit stream'),
    h('p', { class: 'muted' }, 'Every audit event of the organization (changes and refusals) is sent to each enabled endpoint as audit.event_created, '
      + 'in order, at least once, signed as Standard Webhooks (webhook-id, webhook-timestamp, webhook-signature). '
      + 'A failing endpoint is retried with backoff and disabled after a day of failures.'),
    created, list, add);
  const reload = () => webhooks(main, context);

  list.append(table([
    { label: 'Name', value: e => e.name || '—' },
    { label: 'URL', value: e => h('code', {}, e.url) },
    { label: 'Events', value: e => e.enabled_events.join(', ') },
    { label: 'Delivery', value: health },
    { label: 'Actions', value: e => h('div', { class: 'actions' },
      actionButton(e.state === 'enabled' ? `Disable ${e.name || e.url}` : `Enable ${e.name || e.url}`, list, async () => {
        await api.call(`/organizations/webhooks/${e.id}`, { method: 'POST', body: { state: e.state === 'enabled' ? 'disabled' : 'enabled' } });
        await reload();
      }),
      actionButton(`New signing secret for ${e.name || e.url}`, list, async () => {
        const secret = await api.call(`/organizations/webhooks/${e.id}/regenerate_signing_secret`, { method: 'POST' });
        await reload();
        show(document.getElementById('webhook-created'), secretPanel(`New signing secret for “${e.name || e.url}”`, secret.signing_secret, 'Copy secret'));
      }, { confirm: 'Make a new signing secret? Deliveries are signed with it at once; the receiver needs it to verify them.', confirmLabel: 'Make a new secret' }),
      actionButton(`Delete ${e.name || e.url}`, list, async () => {
        await api.call(`/organizations/webhooks/${e.id}`, { method: 'DELETE' });
        await reload();
      }, { kind: 'danger', confirm: `Delete the endpoint ${e.url}? Nothing more is delivered to it.`, confirmLabel: 'Delete' })) },
  ], endpoints.data, { empty: 'No endpoint yet: the audit log is only read here and through the API.', label: 'Webhook endpoints' }));

  const name = h('input', { type: 'text', maxlength: 255, id: 'webhook-name', placeholder: 'SIEM' });
  const url = h('input', { type: 'url', required: true, maxlength: 2048, id: 'webhook-url', placeholder: 'https://siem.example.com/hooks/access-console' });
  const form = h('form', { id: 'create-webhook' },
    h('div', { class: 'inline' }, field('Name', name), field('URL (https; no internal address)', url)),
    h('button', { type: 'submit' }, 'Add endpoint'));
  onSubmit(form, async () => {
    const endpoint = await api.call('/organizations/webhooks', {
      method: 'POST', body: { url: url.value.trim(), name: name.value.trim(), enabled_events: ['audit.event_created'] },
    });
    await reload();
    show(document.getElementById('webhook-created'), secretPanel(`Endpoint “${endpoint.name || endpoint.url}” added: its signing secret`, endpoint.signing_secret, 'Copy secret'));
  });
  add.append(form);
}

export const WEBHOOK_PAGES = { webhooks };

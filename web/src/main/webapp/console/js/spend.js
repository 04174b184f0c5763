// Spend limits: every member sees the limits that apply to them, what they have spent against each and whether it is
// reached, and asks for more; whoever reads cost sees the limits; admins and workspace admins set them; members:manage
// holders answer the requests. Controls follow the caller's permissions; the server decides.
import * as api from './api.js';
import { h, show, field, select, table, actionButton, onSubmit, successBox, when } from './ui.js';

const heading = text => h('h1', {}, text);

const scopeLabel = (scope, context) => {
  if (scope.type === 'organization') return 'Organization';
  if (scope.type === 'workspace') return `Workspace ${context.workspaces.find(w => w.id === scope.workspace_id)?.name || scope.workspace_id}`;
  return `Member ${scope.user_id}`;
};

const dollars = amount => (amount === null || amount === undefined ? 'no cap' : `$${amount}`);

async function spendLimits(main, context) {
  const mine = h('div', { id: 'my-spend' });
  const all = h('div', { id: 'spend-limits' });
  const requests = h('div', { id: 'increase-requests' });
  show(main, heading('Spend limits'),
    h('p', { class: 'muted' }, 'A spend limit caps what is spent per UTC day, ISO week or month: the organization\'s, a workspace\'s, or one member\'s own keys (Claude Code). Once a limit is reached, the keys it applies to are refused until the period ends or the limit is raised.'),
    h('div', { class: 'panel' }, h('h2', {}, 'Limits that apply to you'), mine), all, requests);

  // the caller's own limits, and a way to ask for more
  const own = await api.call('/organizations/me/spend_limits');
  const reason = h('input', { type: 'text', maxlength: 1000, id: 'increase-reason' });
  const amount = h('input', { type: 'text', inputmode: 'decimal', maxlength: 20, id: 'increase-amount', placeholder: 'e.g. 50.00' });
  const rows = own.data.map(entry => ({ ...entry, scope: entry.spend_limit.scope }));
  mine.append(table([
    { label: 'Applies to', value: r => scopeLabel(r.scope, context) },
    { label: 'Period', value: r => r.spend_limit.period },
    { label: 'Limit', value: r => dollars(r.spend_limit.amount), num: true },
    { label: 'Spent this period', value: r => `$${r.period_to_date_spend}`, num: true },
    { label: 'State', value: r => (r.reached ? h('strong', { class: 'reached' }, `Reached until ${when(r.resets_at)}`) : 'Within the limit') },
  ], rows, { empty: 'No spend limit applies to you.', label: 'Limits that apply to you' }));
  if (rows.some(r => r.spend_limit.is_enabled)) {
    const ask = h('form', { id: 'ask-increase' }, h('div', { class: 'inline' }, field('Amount you need (USD)', amount), field('Why', reason)),
      h('button', { type: 'submit' }, 'Ask for an increase'));
    onSubmit(ask, async () => {
      const body = { reason: reason.value.trim() || undefined };
      if (amount.value.trim()) body.amount = amount.value.trim();
      await api.call('/organizations/spend_limit_increase_requests', { method: 'POST', body });
      await spendLimits(main, context);
    });
    mine.append(ask);
  }
  if (own.increase_requests.length) {
    mine.append(h('h3', {}, 'Your requests'), table([
      { label: 'Asked', value: r => when(r.created_at) },
      { label: 'Period', value: r => r.period },
      { label: 'Amount asked', value: r => dollars(r.requested_amount), num: true },
      { label: 'Outcome', value: r => h('span', { class: `status-${r.status}` }, r.status === 'approved' ? `approved: $${r.approved_amount}` : r.status) },
    ], own.increase_requests, { label: 'Your increase requests' }));
  }

  // every limit the caller may see; set and remove where the caller manages workspaces
  if (context.canAnywhere('cost:read')) {
    const limits = (await api.call('/organizations/spend_limits', { params: { limit: 1000 } })).data;
    const mayManage = context.canAnywhere('workspace:manage');
    all.append(h('div', { class: 'panel' }, h('h2', {}, 'All limits you can see'), table([
      { label: 'Scope', value: l => scopeLabel(l.scope, context) },
      { label: 'Period', value: l => l.period },
      { label: 'Limit', value: l => dollars(l.amount), num: true },
      { label: 'Changed', value: l => when(l.updated_at) },
      { label: 'Actions', value: l => (mayManage ? actionButton('Remove', all, async () => {
        await api.call(`/organizations/spend_limits/${l.id}`, { method: 'DELETE' });
        await spendLimits(main, context);
      }, { kind: 'danger', ariaLabel: `Remove the ${l.period} limit of ${scopeLabel(l.scope, context)}`, confirm: 'Remove this limit?' }) : '') },
    ], limits, { empty: 'No spend limits yet.', label: 'Spend limits' })));
    if (mayManage) {
      const targets = [];
      if (context.can('members:manage')) targets.push(['organization', 'The organization']);
      for (const w of context.workspacesWith('workspace:manage')) {
        // the Default workspace has no limits of its own (the server says so too)
        if (w.name !== 'Default') targets.push([`workspace:${w.id}`, `Workspace ${w.name}`]);
      }
      const scope = select(targets, { id: 'limit-scope' });
      const period = select([['daily', 'Daily (UTC)'], ['weekly', 'Weekly (ISO, from Monday)'], ['monthly', 'Monthly']], { id: 'limit-period' });
      const cap = h('input', { type: 'text', inputmode: 'decimal', maxlength: 20, required: true, id: 'limit-amount', placeholder: 'e.g. 100.00' });
      const form = h('form', { id: 'set-limit' }, h('div', { class: 'inline' }, field('Scope', scope), field('Period', period), field('Limit (USD)', cap)),
        h('button', { type: 'submit' }, 'Set limit'));
      onSubmit(form, async () => {
        const [type, id] = scope.value.split(':');
        await api.call('/organizations/spend_limits', {
          method: 'POST',
          body: { amount: cap.value.trim(), period: period.value, scope: type === 'workspace' ? { type, workspace_id: id } : { type } },
        });
        await spendLimits(main, context);
      });
      all.append(h('div', { class: 'panel' }, h('h2', {}, 'Set a limit'), form));
    }
  }

  // the requests members made, for whoever decides them
  if (context.can('members:manage')) {
    const pending = (await api.call('/organizations/spend_limit_increase_requests', { params: { 'status[]': 'pending', limit: 1000 } })).data;
    const panel = h('div', { class: 'panel' }, h('h2', {}, 'Increase requests'));
    requests.append(panel);
    if (!pending.length) {
      panel.append(h('p', { class: 'muted' }, 'No request is waiting.'));
      return;
    }
    for (const request of pending) {
      const who = request.actor.email_address || request.actor.scoped_api_key_id;
      const newAmount = h('input', { type: 'text', inputmode: 'decimal', maxlength: 20, required: true, id: `approve-${request.id}`,
        value: request.requested_amount || '' });
      const approve = h('form', { class: 'approve-request', 'data-request': request.id },
        h('div', { class: 'inline' }, field('New limit (USD)', newAmount)), h('button', { type: 'submit' }, `Approve for ${who}`));
      onSubmit(approve, async () => {
        await api.call(`/organizations/spend_limit_increase_requests/${request.id}/approve`, { method: 'POST', body: { amount: newAmount.value.trim() } });
        await spendLimits(main, context);
      });
      panel.append(h('div', { class: 'request', 'data-request': request.id },
        h('p', {}, h('strong', {}, who), ` asks for more on the ${request.period} limit`,
          request.spend_summary ? ` (limit ${dollars(request.spend_summary.amount)}, spent $${request.spend_summary.period_to_date_spend})` : '',
          request.reason ? `: “${request.reason}”` : '.'),
        approve,
        actionButton(`Deny for ${who}`, panel, async () => {
          await api.call(`/organizations/spend_limit_increase_requests/${request.id}/deny`, { method: 'POST' });
          panel.append(successBox('Denied.'));
          await spendLimits(main, context);
        }, { kind: 'secondary' })));
    }
  }
}

export const SPEND_PAGES = { 'spend-limits': spendLimits };

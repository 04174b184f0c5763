// The console's pages. Each shows only controls the caller's permissions allow (context.can…) and fetches only what
// they allow it to see; a refused action shows the API's own message where it was taken.
import * as api from './api.js';
import { h, show, field, select, table, act, actionButton, onSubmit, successBox, pagedList, csv, download, copyButton, when, day } from './ui.js';
import { barChart } from './charts.js';
import { IDENTITY_PAGES } from './identity.js';

let rolesCache = null;
const roles = async () => (rolesCache ||= await api.call('/roles', { organization: false }));

const heading = (text, ...more) => h('h1', {}, text, ...more);
/** A key's workspace: the Admin API writes workspace_id null for the Default workspace's keys, whose scope names it. */
const keyWorkspace = key => key.workspace_id || key.scope?.workspace_id || null;
const workspaceName = (context, id) => context.workspaces.find(w => w.id === id)?.name || id || 'Default';

/** The secret of a new key, shown this once, with a copy button. */
export function secretPanel(title, secret, copyLabel = 'Copy key') {
  return h('div', { class: 'panel', id: 'new-secret', role: 'status' },
    h('h2', {}, title),
    h('p', {}, 'Copy it now: it is shown this once and cannot be shown again.'),
    h('p', { class: 'secret', id: 'secret-value' }, secret),
    h('div', { class: 'actions' }, copyButton(secret, copyLabel),
      h('button', { type: 'button', class: 'secondary', onclick: event => event.target.closest('.panel').remove() }, 'Done')));
}

async function overview(main, context) {
  const org = context.organization;
  const catalogue = await roles();
  const describe = new Map(catalogue.permissions.map(p => [p.name, p.description]));
  show(main, heading(org.name),
    h('p', {}, 'Your organization role: ', h('strong', {}, org.role)),
    context.roles.some(r => r.source?.type === 'rbac_group')
      ? h('p', { id: 'my-roles' }, 'Also through your groups: ', context.roles.filter(r => r.source?.type === 'rbac_group')
        .map(r => h('span', { class: 'tag' }, r.description)))
      : null,
    h('h2', {}, 'What you may do here'),
    h('ul', { id: 'my-permissions' }, [...context.orgPermissions].map(p => h('li', {}, h('code', {}, p), ` — ${describe.get(p) || ''}`))),
    h('p', { class: 'muted' }, 'Workspace roles can add to this in single workspaces: see Workspaces.'));
}

async function welcome(main, context) {
  const name = h('input', { type: 'text', required: true, maxlength: 255 });
  const create = h('form', { class: 'inline', id: 'create-organization' }, field('Organization name', name), h('button', { type: 'submit' }, 'Create organization'));
  onSubmit(create, async () => {
    await api.call('/organizations', { method: 'POST', body: { name: name.value.trim() }, organization: false });
    await context.reloadMe();
  });
  const invite = h('input', { type: 'text', required: true, placeholder: 'invite_… or the invite link' });
  const accept = h('form', { class: 'inline', id: 'open-invite' }, field('Invitation', invite), h('button', { type: 'submit' }, 'Open'));
  accept.addEventListener('submit', event => {
    event.preventDefault();
    const id = invite.value.trim().split('/').pop();
    location.hash = `#/accept/${encodeURIComponent(id)}`;
  });
  show(main, heading('Welcome'),
    h('p', {}, 'You are not a member of any organization yet.'),
    h('div', { class: 'panel' }, h('h2', {}, 'Start an organization'), h('p', { class: 'muted' }, 'You become its admin.'), create),
    h('div', { class: 'panel' }, h('h2', {}, 'Join one'), h('p', { class: 'muted' }, 'Open the invitation an admin sent you.'), accept));
}

async function accept(main, context, [inviteId]) {
  const section = h('section', {}, heading('Invitation'),
    h('p', {}, 'You were invited to an organization as ', h('strong', {}, context.me.email), '. Accepting makes you a member with the role the admin chose.'),
    h('p', { class: 'muted' }, `Invitation ${inviteId}`));
  section.append(actionButton('Accept invitation', section, async () => {
    const accepted = await api.call(`/invites/${encodeURIComponent(inviteId)}/accept`, { method: 'POST', organization: false });
    context.organization = { id: accepted.organization_id };
    await context.reloadMe();
    location.hash = '#/overview';
  }, { kind: '', id: 'accept-invite' }));
  show(main, section);
}

async function members(main, context, [userId]) {
  if (userId) return IDENTITY_PAGES.member(main, context, userId);
  const catalogue = await roles();
  const describe = new Map(catalogue.permissions.map(p => [p.name, p.description]));
  const assignable = catalogue.organization_roles.map(r => r.role);
  const email = h('input', { type: 'email', required: true, maxlength: 320, autocomplete: 'off' });
  const role = select(assignable.map(r => [r, r]), { required: true });
  const roleHelp = h('p', { class: 'muted', id: 'role-help' });
  const explainRole = () => {
    const chosen = catalogue.organization_roles.find(r => r.role === role.value);
    roleHelp.textContent = chosen ? `${chosen.role}: ${chosen.permissions.map(p => describe.get(p) || p).join('; ')}; in workspaces: ${chosen.default_workspace_role}` : '';
  };
  role.addEventListener('change', explainRole);
  explainRole();
  const inviteForm = h('form', { class: 'inline', id: 'invite-form' }, field('Email', email), field('Role', role), h('button', { type: 'submit' }, 'Send invite'));
  const inviteResult = h('div', { id: 'invite-result' });
  const invites = h('div', { id: 'invites' });
  const people = h('div', { id: 'members' });
  onSubmit(inviteForm, async () => {
    const invite = await api.call('/organizations/invites', { method: 'POST', body: { email: email.value.trim(), role: role.value } });
    const link = `${location.origin}/console/#/accept/${invite.id}`;
    show(inviteResult, successBox(`Invited ${invite.email} as ${invite.role}. Send them this link:`),
      h('p', { class: 'secret', id: 'invite-link' }, link), copyButton(link, 'Copy link'));
    email.value = '';
    invitesList.reload();
  });
  const invitesList = pagedList(invites, params => api.page('/organizations/invites', { ...params, 'statuses[]': 'pending' }), data => table([
    { label: 'Email', value: i => i.email },
    { label: 'Role', value: i => i.role },
    { label: 'Expires', value: i => when(i.expires_at) },
    { label: '', value: i => actionButton('Cancel', invites, async () => {
      await api.call(`/organizations/invites/${i.id}`, { method: 'DELETE' });
      invitesList.reload();
    }, { ariaLabel: `Cancel the invite of ${i.email}`, confirm: `Cancel the invite of ${i.email}?`, confirmLabel: 'Cancel invite' }) },
  ], data, { empty: 'No pending invites.' }));
  const membersList = pagedList(people, params => api.page('/organizations/users', params), data => table([
    { label: 'Name', value: u => h('a', { href: `#/members/${u.id}` }, u.name || u.email) },
    { label: 'Email', value: u => u.email },
    { label: 'Role', value: u => {
      const change = select(catalogue.organization_roles.map(r => [r.role, r.role]), { 'aria-label': `Role of ${u.email}` });
      change.value = u.role;
      return h('div', { class: 'actions' }, change, actionButton('Save', people, async () => {
        await api.call(`/organizations/users/${u.id}`, { method: 'POST', body: { role: change.value } });
        membersList.reload();
      }));
    } },
    { label: 'Added', value: u => when(u.added_at) },
    { label: '', value: u => actionButton('Remove', people, async () => {
      await api.call(`/organizations/users/${u.id}`, { method: 'DELETE' });
      membersList.reload();
    }, { kind: 'danger', ariaLabel: `Remove ${u.email}`, confirm: `Remove ${u.email} from ${context.organization.name}?` }) },
  ], data));
  show(main, heading('Members'),
    h('div', { class: 'panel' }, h('h2', {}, 'Invite someone'), inviteForm, roleHelp, inviteResult),
    h('h2', {}, 'Pending invites'), invites, h('h2', {}, 'Members'), people);
}

async function workspaces(main, context, [workspaceId]) {
  if (workspaceId) return workspace(main, context, workspaceId);
  const list = h('div', { id: 'workspaces' });
  const parts = [heading('Workspaces')];
  if (context.can('workspaces:create')) {
    const name = h('input', { type: 'text', required: true, maxlength: 40 });
    const form = h('form', { class: 'inline', id: 'create-workspace' }, field('Name', name), h('button', { type: 'submit' }, 'Create workspace'));
    onSubmit(form, async () => {
      await api.call('/organizations/workspaces', { method: 'POST', body: { name: name.value.trim() } });
      name.value = '';
      await context.refresh();
      listing.reload();
    });
    parts.push(h('div', { class: 'panel' }, form));
  }
  parts.push(list);
  show(main, ...parts);
  const listing = pagedList(list, params => api.page('/organizations/workspaces', { ...params, include_default: true }), data => table([
    { label: 'Name', value: w => h('a', { href: `#/workspaces/${w.id}` }, swatch(w.display_color), w.name) },
    { label: 'Id', value: w => h('code', {}, w.id) },
    { label: 'Your permissions', value: w => [...(context.workspacePermissions.get(w.id) || [])].filter(p => !context.can(p)).map(p => h('span', { class: 'tag' }, p)) },
    { label: 'Created', value: w => when(w.created_at) },
  ], data));
}

/** A workspace's colour, set through the CSSOM: the policy allows no style attribute. */
function swatch(color) {
  const mark = h('span', { class: 'swatch', 'aria-hidden': 'true' });
  if (/^#[0-9a-fA-F]{6}$/.test(color || '')) mark.style.backgroundColor = color;
  return mark;
}

async function workspace(main, context, id) {
  const found = await act(main, () => api.call(`/organizations/workspaces/${encodeURIComponent(id)}`));
  if (!found) return;
  const parts = [heading(found.name), h('p', { class: 'muted' }, h('code', {}, found.id), found.archived_at ? ` — archived ${when(found.archived_at)}` : '')];
  if (context.canIn(id, 'workspace:manage') && !found.archived_at) {
    const name = h('input', { type: 'text', required: true, maxlength: 40, value: found.name });
    const form = h('form', { class: 'inline', id: 'rename-workspace' }, field('Name', name), h('button', { type: 'submit' }, 'Rename'));
    onSubmit(form, async () => {
      await api.call(`/organizations/workspaces/${id}`, { method: 'POST', body: { name: name.value.trim() } });
      await context.refresh();
      await workspace(main, context, id);
    });
    parts.push(h('div', { class: 'panel' }, form));
  }
  if (context.can('workspaces:archive') && !found.archived_at) {
    parts.push(actionButton('Archive workspace', main, async () => {
      await api.call(`/organizations/workspaces/${id}/archive`, { method: 'POST' });
      await context.refresh();
      location.hash = '#/workspaces';
    }, { kind: 'danger', id: 'archive-workspace', confirmLabel: 'Archive',
      confirm: `Archive ${found.name}? Its keys stop working and it becomes read-only. This cannot be undone.` }));
  }
  parts.push(h('h2', {}, 'Your permissions here'),
    h('p', {}, [...(context.workspacePermissions.get(id) || [])].map(p => h('span', { class: 'tag granted' }, p))));
  const memberBox = h('div', { id: 'workspace-members' });
  parts.push(h('h2', {}, 'Members and their workspace roles'));
  const catalogue = await roles();
  const workspaceRoles = catalogue.workspace_roles.filter(r => r.assignable).map(r => r.role);
  const manage = context.canIn(id, 'workspace_members:manage') && !found.archived_at;
  // people by email only where the caller may see who is in the organization (members:manage); else by user id
  const byEmail = context.can('members:manage');
  const people = new Map();
  const who = userId => (people.has(userId) ? `${people.get(userId)} (${userId})` : userId);
  if (manage) {
    const member = h('input', byEmail ? { type: 'email', required: true, autocomplete: 'off' } : { type: 'text', required: true, placeholder: 'user_…' });
    const role = select(workspaceRoles.map(r => [r, r]));
    const form = h('form', { class: 'inline', id: 'add-workspace-member' },
      field(byEmail ? 'Member\'s email' : 'Member\'s user id', member), field('Workspace role', role), h('button', { type: 'submit' }, 'Add'));
    onSubmit(form, async () => {
      let userId = member.value.trim();
      if (byEmail) {
        const found = await api.call('/organizations/users', { params: { email: userId, limit: 1 } });
        if (!found.data.length) throw new Error(`${userId} is not a member of this organization: invite them first.`);
        userId = found.data[0].id;
      }
      await api.call(`/organizations/workspaces/${id}/members`, { method: 'POST', body: { user_id: userId, workspace_role: role.value } });
      member.value = '';
      membersList.reload();
    });
    parts.push(h('div', { class: 'panel' }, form));
  }
  parts.push(memberBox);
  if (context.can('access_review:read')) {
    const box = h('div', { id: 'effective-roles' });
    const load = actionButton('Show effective roles', box, async () => { show(box, await effectiveRoles(id)); }, { id: 'show-effective-roles' });
    parts.push(h('h2', {}, 'Effective roles'),
      h('p', { class: 'muted' }, 'Every member as the policy sees them here, organization role and workspace role together (from the access review).'),
      box, load);
  }
  if (context.canIn(id, 'limits:read')) {
    parts.push(h('h2', {}, 'Limits'), await limits(context, id, found));
  }
  show(main, ...parts);
  const membersList = pagedList(memberBox, async params => {
    const result = await api.page(`/organizations/workspaces/${id}/members`, params);
    if (byEmail) {
      const unknown = result.data.map(m => m.user_id).filter(userId => !people.has(userId));
      (await Promise.all(unknown.map(userId => api.call(`/organizations/users/${userId}`).catch(() => null))))
        .forEach(user => { if (user) people.set(user.id, user.email); });
    }
    return result;
  }, data => table([
    { label: 'Member', value: m => who(m.user_id) },
    { label: 'Workspace role', value: m => {
      if (!manage || !workspaceRoles.includes(m.workspace_role)) return m.workspace_role;
      const change = select(workspaceRoles.map(r => [r, r]), { 'aria-label': `Workspace role of ${who(m.user_id)}` });
      change.value = m.workspace_role;
      const member = `/organizations/workspaces/${id}/members/${m.user_id}`;
      return h('div', { class: 'actions' }, change,
        actionButton('Save', memberBox, async () => {
          await api.call(member, { method: 'POST', body: { workspace_role: change.value } });
          membersList.reload();
        }),
        actionButton('Remove', memberBox, async () => {
          await api.call(member, { method: 'DELETE' });
          membersList.reload();
        }, { kind: 'danger', confirm: `Remove ${who(m.user_id)} from this workspace?` }));
    } },
  ], data, { empty: 'No one was added to this workspace; organization roles still apply.' }));
}

/** This workspace's rows of the access review (the Default workspace's rows carry no id). */
async function effectiveRoles(id) {
  const review = await api.call('/organizations/access_review');
  let rows = review.data.filter(r => r.workspace_id === id);
  if (!rows.length) rows = review.data.filter(r => r.workspace_id === null && r.workspace_kind === 'default');
  return table([
    { label: 'Member', value: r => r.email },
    { label: 'Organization role', value: r => r.organization_role },
    { label: 'Effective workspace role', value: r => r.workspace_role || 'none' },
  ], rows, { empty: 'No member can use this workspace.' });
}

async function limits(context, id, found) {
  const box = h('div', { id: 'limits' });
  const current = await act(box, () => api.call(`/organizations/workspaces/${id}/limits`));
  if (!current) return box;
  const names = [['monthly_spend_limit_cents', 'Monthly spend (cents)'], ['requests_per_minute', 'Requests per minute'],
    ['input_tokens_per_minute', 'Input tokens per minute'], ['output_tokens_per_minute', 'Output tokens per minute']];
  const editable = context.canIn(id, 'workspace:manage') && !found.archived_at;
  const inputs = {};
  const rows = names.map(([key, label]) => {
    inputs[key] = h('input', { type: 'number', min: 0, step: 1, value: current.limits[key] ?? '', disabled: !editable, 'aria-label': label });
    return { label, key };
  });
  box.append(table([
    { label: 'Limit', value: r => r.label },
    { label: 'This workspace', value: r => inputs[r.key] },
    { label: 'Organization', value: r => current.organization_limits[r.key] ?? 'none' },
  ], rows));
  if (editable) {
    box.append(actionButton('Save limits', box, async () => {
      const body = {};
      for (const [key] of names) body[key] = inputs[key].value === '' ? null : Number(inputs[key].value);
      await api.call(`/organizations/workspaces/${id}/limits`, { method: 'PUT', body });
      box.prepend(successBox('Limits saved.'));
    }, { kind: '' }));
  }
  return box;
}

async function keys(main, context) {
  const readable = context.workspacesWith('api_keys:read');
  const manageable = context.workspacesWith('api_keys:manage').filter(w => !w.archived_at);
  const filterWorkspace = select([['', 'All workspaces you can see'], ...readable.map(w => [w.id, w.name])]);
  const filterStatus = select([['', 'Any status'], ['active', 'active'], ['inactive', 'inactive'], ['archived', 'archived'], ['expired', 'expired']]);
  const list = h('div', { id: 'api-keys' });
  const created = h('div');
  const parts = [heading('API keys')];
  if (manageable.length) {
    const name = h('input', { type: 'text', required: true, maxlength: 500, id: 'key-name' });
    const where = select(manageable.map(w => [w.id, w.name]), { id: 'key-workspace' });
    const form = h('form', { class: 'inline', id: 'create-key' }, field('Name', name), field('Workspace', where), h('button', { type: 'submit' }, 'Create key'));
    onSubmit(form, async () => {
      const key = await api.call('/organizations/api_keys', { method: 'POST', body: { name: name.value.trim(), workspace_id: where.value } });
      show(created, secretPanel(`Key “${key.name}” created`, key.secret));
      name.value = '';
      listing.reload();
    });
    parts.push(h('div', { class: 'panel' }, h('h2', {}, 'Create a key'), form), created);
  }
  parts.push(h('form', { class: 'inline', 'aria-label': 'Filter keys' }, field('Workspace', filterWorkspace), field('Status', filterStatus)), list);
  show(main, ...parts);
  const update = async (key, body) => {
    await api.call(`/organizations/api_keys/${key.id}`, { method: 'POST', body });
    listing.reload();
  };
  const listing = pagedList(list, params => api.page('/organizations/api_keys', { ...params, workspace_id: filterWorkspace.value, status: filterStatus.value }), data => table([
    { label: 'Name', value: k => {
      if (!context.canIn(keyWorkspace(k), 'api_keys:manage') || k.status === 'archived') return k.name;
      const name = h('input', { type: 'text', value: k.name, maxlength: 500, 'aria-label': `Name of key ${k.partial_key_hint}` });
      return h('div', { class: 'actions' }, name, actionButton('Rename', list, () => update(k, { name: name.value.trim() })));
    } },
    { label: 'Key', value: k => h('code', {}, k.partial_key_hint) },
    { label: 'Workspace', value: k => workspaceName(context, keyWorkspace(k)) },
    { label: 'Status', value: k => k.status },
    { label: 'Created', value: k => when(k.created_at) },
    { label: '', value: k => {
      if (!context.canIn(keyWorkspace(k), 'api_keys:manage') || k.status === 'archived' || k.status === 'expired') return '';
      return h('div', { class: 'actions' },
        actionButton(k.status === 'active' ? 'Deactivate' : 'Activate', list, () => update(k, { status: k.status === 'active' ? 'inactive' : 'active' })),
        actionButton('Archive', list, () => update(k, { status: 'archived' }), { kind: 'danger', confirm: `Archive the key “${k.name}”? It stops working for good.` }));
    } },
  ], data, { empty: 'No keys match.' }));
  filterWorkspace.addEventListener('change', () => listing.reload());
  filterStatus.addEventListener('change', () => listing.reload());
}

async function adminKeys(main, context) {
  const list = h('div', { id: 'admin-keys' });
  const created = h('div');
  const name = h('input', { type: 'text', required: true, maxlength: 500 });
  const form = h('form', { class: 'inline', id: 'create-admin-key' }, field('Name', name), h('button', { type: 'submit' }, 'Create Admin API key'));
  onSubmit(form, async () => {
    const key = await api.call('/organizations/admin_keys', { method: 'POST', body: { name: name.value.trim() } });
    show(created, secretPanel(`Admin API key “${key.name}” created`, key.secret));
    name.value = '';
    listing.reload();
  });
  show(main, heading('Admin API keys'),
    h('p', { class: 'muted' }, 'Automation acting as an admin of this organization through the Admin API.'),
    h('div', { class: 'panel' }, form), created, list);
  const listing = pagedList(list, params => api.page('/organizations/admin_keys', params), data => table([
    { label: 'Name', value: k => k.name },
    { label: 'Key', value: k => h('code', {}, k.partial_key_hint) },
    { label: 'Status', value: k => k.status },
    { label: 'Created', value: k => when(k.created_at) },
    { label: '', value: k => k.status !== 'active' ? '' : actionButton('Revoke', list, async () => {
      await api.call(`/organizations/admin_keys/${k.id}`, { method: 'POST' });
      listing.reload();
    }, { kind: 'danger', confirm: `Revoke “${k.name}”? Automation using it stops at once.` }) },
  ], data, { empty: 'No Admin API keys.' }));
}

async function serviceAccounts(main, context) {
  const list = h('div', { id: 'service-accounts' });
  const name = h('input', { type: 'text', required: true, maxlength: 255 });
  const role = select([['developer', 'developer'], ['admin', 'admin']]);
  const form = h('form', { class: 'inline', id: 'create-service-account' }, field('Name', name), field('Organization role', role), h('button', { type: 'submit' }, 'Create service account'));
  onSubmit(form, async () => {
    await api.call('/organizations/service_accounts', { method: 'POST', body: { name: name.value.trim(), organization_role: role.value } });
    name.value = '';
    listing.reload();
  });
  show(main, heading('Service accounts'), h('p', { class: 'muted' }, 'Non-human principals with workspace memberships and keys of their own.'),
    h('div', { class: 'panel' }, form), list);
  const listing = pagedList(list, params => api.page('/organizations/service_accounts', params), data => table([
    { label: 'Name', value: s => s.name },
    { label: 'Id', value: s => h('code', {}, s.id) },
    { label: 'Organization role', value: s => s.organization_role },
    { label: 'Status', value: s => (s.archived_at ? `archived ${when(s.archived_at)}` : 'active') },
    { label: '', value: s => s.archived_at ? '' : actionButton('Archive', list, async () => {
      await api.call(`/organizations/service_accounts/${s.id}/archive`, { method: 'POST' });
      listing.reload();
    }, { kind: 'danger', confirm: `Archive ${s.name}? Its keys stop working.` }) },
  ], data, { empty: 'No service accounts.' }));
}

function dateRange(onChange) {
  const today = new Date();
  const from = h('input', { type: 'date', value: day(new Date(today.getTime() - 13 * 86400000)), id: 'range-from' });
  const to = h('input', { type: 'date', value: day(today), id: 'range-to' });
  const by = select([['workspace_id', 'Workspace'], ['model', 'Model']], { id: 'range-by' });
  const form = h('form', { class: 'inline', 'aria-label': 'Report range' }, field('From', from), field('To (inclusive)', to), field('Split by', by), h('button', { type: 'submit' }, 'Show'));
  form.addEventListener('submit', event => { event.preventDefault(); onChange(); });
  const value = () => ({
    starting_at: `${from.value}T00:00:00Z`,
    ending_at: new Date(Date.parse(`${to.value}T00:00:00Z`) + 86400000).toISOString().replace('.000Z', 'Z'),
    by: by.value,
  });
  return { form, value };
}

async function report(main, context, kind) {
  const isCost = kind === 'cost';
  const box = h('div', { id: `${kind}-report` });
  const range = dateRange(() => draw());
  show(main, heading(isCost ? 'Cost' : 'Usage'),
    h('p', { class: 'muted' }, isCost ? 'Estimated cost in USD, by UTC day, of the workspaces where you may read cost.'
      : 'Tokens by UTC day, of the workspaces where you may read usage.'), range.form, box);
  const draw = async () => {
    const { starting_at, ending_at, by } = range.value();
    const groupBy = isCost && by === 'model' ? 'description' : by;
    const buckets = await act(box, () => api.report(isCost ? '/organizations/cost_report' : '/organizations/usage_report/messages',
      { starting_at, ending_at, bucket_width: '1d', limit: 31, 'group_by[]': groupBy }));
    if (!buckets) return;
    const label = result => (by === 'model' ? (result.model || result.description || 'other') : workspaceName(context, result.workspace_id));
    const value = result => (isCost ? Number(result.amount) / 100
      : (result.uncached_input_tokens || 0) + (result.output_tokens || 0) + (result.cache_read_input_tokens || 0)
        + (result.cache_creation?.ephemeral_1h_input_tokens || 0) + (result.cache_creation?.ephemeral_5m_input_tokens || 0));
    const days = buckets.map(b => b.starting_at.slice(0, 10));
    const series = new Map();
    buckets.forEach((bucket, index) => bucket.results.forEach(result => {
      const name = label(result);
      if (!series.has(name)) series.set(name, new Array(buckets.length).fill(0));
      series.get(name)[index] += value(result);
    }));
    const rows = [];
    buckets.forEach((bucket, index) => series.forEach((values, name) => { if (values[index]) rows.push({ day: days[index], name, value: values[index] }); }));
    const columns = [{ label: 'Day (UTC)', value: r => r.day }, { label: by === 'model' ? 'Model' : 'Workspace', value: r => r.name },
      { label: isCost ? 'Cost (USD)' : 'Tokens', num: true, value: r => (isCost ? r.value.toFixed(2) : r.value) }];
    const canvas = h('canvas', { id: `${kind}-chart`, role: 'img', 'aria-label': `${isCost ? 'Cost' : 'Tokens'} by day and ${by === 'model' ? 'model' : 'workspace'}` });
    const total = rows.reduce((sum, r) => sum + r.value, 0);
    show(box,
      h('p', {}, 'Total: ', h('strong', { id: `${kind}-total` }, isCost ? `$${total.toFixed(2)}` : `${total.toLocaleString()} tokens`)),
      h('div', { class: 'chart-box' }, canvas),
      h('button', { type: 'button', class: 'secondary', id: `${kind}-csv`, onclick: () => download(`${kind}-${starting_at.slice(0, 10)}.csv`, csv(rows, columns)) }, 'Download CSV'),
      table(columns, rows, { empty: 'No usage in this range.' }));
    barChart(canvas, days, series, isCost ? 'USD' : 'tokens');
  };
  await draw();
}

async function billing(main, context) {
  const details = await act(main, () => api.call('/organizations/billing'));
  if (!details) return;
  const editable = context.can('billing:manage');
  const input = (value, label, max) => h('input', { type: 'text', value: value ?? '', maxlength: max, disabled: !editable, 'aria-label': label });
  const company = input(details.company_name, 'Company', 255);
  const tax = input(details.tax_id, 'Tax id', 64);
  const address = {};
  for (const key of ['line1', 'line2', 'city', 'state', 'postal_code', 'country']) address[key] = input(details.address?.[key], key.replace('_', ' '), key === 'country' ? 2 : 255);
  const form = h('form', { id: 'billing-form' },
    h('div', { class: 'inline' }, field('Company', company), field('Tax id', tax)),
    h('div', { class: 'inline' }, Object.entries(address).map(([key, control]) => field(key === 'line1' ? 'Address' : key.replace('_', ' '), control))),
    editable ? h('button', { type: 'submit' }, 'Save billing details') : null);
  onSubmit(form, async () => {
    const value = control => (control.value.trim() === '' ? null : control.value.trim());
    await api.call('/organizations/billing', { method: 'PUT', body: {
      company_name: value(company), tax_id: value(tax),
      address: Object.fromEntries(Object.entries(address).map(([key, control]) => [key, value(control)])),
    } });
    form.prepend(successBox('Billing details saved.'));
  });
  show(main, heading('Billing'),
    h('p', {}, 'Primary billing email: ', h('strong', {}, details.primary_billing_email || '—')),
    h('p', {}, 'Billing contacts: ', (details.billing_contact_emails || []).join(', ') || '—'),
    h('p', { class: 'muted' }, 'Billing emails are changed by support.'), h('div', { class: 'panel' }, form));
}

async function audit(main) {
  const action = h('input', { type: 'text', placeholder: 'e.g. api_key.create' });
  const actor = h('input', { type: 'text', placeholder: 'user_…' });
  const outcome = select([['', 'Any outcome'], ['success', 'success'], ['denied', 'denied']]);
  const list = h('div', { id: 'audit-events' });
  const form = h('form', { class: 'inline', 'aria-label': 'Filter events' }, field('Action', action), field('Actor', actor), field('Outcome', outcome), h('button', { type: 'submit' }, 'Filter'));
  show(main, heading('Audit log'), h('p', { class: 'muted' }, 'Every change and every refusal in this organization, newest first.'), form, list);
  const listing = pagedList(list, params => api.page('/organizations/audit_events', { ...params, action: action.value.trim(), actor_id: actor.value.trim(), outcome: outcome.value }), data => table([
    { label: 'When', value: e => when(e.occurred_at) },
    { label: 'Who', value: e => h('code', {}, e.actor?.id || '—') },
    { label: 'Action', value: e => e.action },
    { label: 'Target', value: e => (e.target ? `${e.target.type} ${e.target.id}` : '—') },
    { label: 'Outcome', value: e => h('span', { class: `tag ${e.outcome === 'success' ? 'granted' : 'denied'}` }, e.outcome) },
  ], data, { empty: 'No events match.' }), { limit: 25 });
  form.addEventListener('submit', event => { event.preventDefault(); listing.reload(); });
}

async function access(main, context) {
  const catalogue = await roles();
  const review = await act(main, () => api.call('/organizations/access_review'));
  if (!review) return;
  const why = h('div', { id: 'explain', 'aria-live': 'polite' });
  const permission = select(catalogue.permissions.map(p => [p.name, p.name]), { id: 'explain-permission' });
  const filter = h('input', { type: 'search', placeholder: 'email or workspace', id: 'access-filter' });
  const body = h('div', { id: 'access-review' });
  const columns = [
    { label: 'Member', value: r => r.email },
    { label: 'Org role', value: r => r.organization_role },
    { label: 'Workspace', value: r => r.workspace_name },
    { label: 'Workspace role', value: r => r.workspace_role || '—' },
    { label: 'Permissions', value: r => (r.permissions || []).map(p => h('span', { class: 'tag' }, p)) },
  ];
  const explainable = context.can('members:manage');
  const renderRows = () => {
    const needle = filter.value.trim().toLowerCase();
    const rows = review.data.filter(r => !needle || `${r.email} ${r.workspace_name}`.toLowerCase().includes(needle));
    show(body, table([...columns,
      { label: '', value: r => !explainable ? '' : actionButton('Why?', why, async () => {
        const answer = await api.call(`/organizations/users/${r.user_id}/permissions`, { params: { permission: permission.value, workspace_id: r.workspace_id || undefined } });
        show(why, h('div', { class: answer.granted ? 'success' : 'error', role: 'status' },
          h('strong', {}, `${r.email} ${answer.granted ? 'has' : 'lacks'} ${permission.value} in ${r.workspace_name}`),
          h('ul', {}, answer.reasons.map(reason => h('li', {}, reason)))));
      }, { ariaLabel: `Why does ${r.email} have or lack the chosen permission in ${r.workspace_name}?` }) },
    ], rows.slice(0, 500), { caption: rows.length > 500 ? `First 500 of ${rows.length} rows: narrow the filter or download the CSV.` : null }));
  };
  filter.addEventListener('input', renderRows);
  const csvButton = actionButton('Download CSV', main, async () => {
    download('access-review.csv', await api.call('/organizations/access_review', { accept: 'text/csv' }));
  }, { id: 'access-csv' });
  show(main, heading('Access review'),
    h('p', { class: 'muted' }, 'Every member × workspace, with the effective role and permissions.'),
    h('form', { class: 'inline', 'aria-label': 'Filter and explain' }, field('Filter', filter), explainable ? field('Explain permission', permission) : null, csvButton),
    why, body);
  renderRows();
}

async function claudeCode(main, context) {
  const result = h('div');
  const button = actionButton('Sign in to Claude Code', result, async () => {
    const key = await api.call('/organizations/claude_code/sign_in', { method: 'POST' });
    show(result, secretPanel('Claude Code key', key.secret));
    await context.refresh();
  }, { kind: '', id: 'claude-code-sign-in' });
  show(main, heading('Claude Code'),
    h('p', {}, 'Signing in gives you a key bound to you in the organization\'s Claude Code workspace. Usage is attributed to you; the key stops when your access does.'),
    button, result);
}

async function rolesPage(main) {
  const catalogue = await roles();
  const describe = new Map(catalogue.permissions.map(p => [p.name, p.description]));
  show(main, heading('Roles'),
    h('p', { class: 'muted' }, 'Generated by the server from the same table that enforces it.'),
    h('h2', {}, 'Organization roles'),
    table([
      { label: 'Role', value: r => h('strong', {}, r.role) },
      { label: 'Organization permissions', value: r => r.permissions.map(p => h('span', { class: 'tag', title: describe.get(p) }, p)) },
      { label: 'In every workspace', value: r => r.default_workspace_role },
    ], catalogue.organization_roles),
    h('h2', {}, 'Workspace roles'),
    table([
      { label: 'Role', value: r => h('strong', {}, r.role) },
      { label: 'Permissions', value: r => r.permissions.map(p => h('span', { class: 'tag', title: describe.get(p) }, p)) },
      { label: 'Assignable', value: r => (r.assignable ? 'yes' : 'no (implied by an organization role)') },
    ], catalogue.workspace_roles),
    h('h2', {}, 'Permissions'),
    table([{ label: 'Permission', value: p => h('code', {}, p.name) }, { label: 'Scope', value: p => p.scope }, { label: 'Allows', value: p => p.description }],
      catalogue.permissions));
}

export const PAGES = {
  overview, welcome, accept, members, workspaces, keys, 'admin-keys': adminKeys, 'service-accounts': serviceAccounts,
  usage: (main, context) => report(main, context, 'usage'), cost: (main, context) => report(main, context, 'cost'),
  billing, audit, access, 'claude-code': claudeCode, roles: rolesPage,
};

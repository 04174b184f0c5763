// Groups, the identity provider (SCIM tokens, sign-in settings) and one member's page. Like every page, each control is
// shown from the caller's permissions, and what the server refuses is shown where it was tried.
import * as api from './api.js';
import { h, show, field, select, table, act, actionButton, onSubmit, successBox, pagedList, copyButton, when } from './ui.js';

const heading = (text, ...more) => h('h1', {}, text, ...more);

let rbacRolesCache = null;
const rbacRoles = async () => (rbacRolesCache ||= (await api.call('/organizations/rbac_roles', { params: { limit: 100 } })).data);
const roleName = (catalogue, id) => catalogue.find(r => r.id === id)?.display_name || id;

/** A set of role checkboxes in a fieldset, each labelled; `checked` the ids ticked. */
function roleChoices(catalogue, checked, legend) {
  const boxes = catalogue.map(role => {
    const box = h('input', { type: 'checkbox', value: role.id, id: `role-${role.id}-${Math.random().toString(36).slice(2, 8)}` });
    box.checked = checked.includes(role.id);
    return { role, box };
  });
  const set = h('fieldset', { class: 'roles' }, h('legend', {}, legend),
    boxes.map(({ role, box }) => h('label', { for: box.id, class: 'check' }, box, ` ${role.display_name}`)));
  return { element: set, value: () => boxes.filter(b => b.box.checked).map(b => b.role.id) };
}

/** The source of a group, in words. */
const sourceLabel = group => (group.source_type === 'scim' ? 'Identity provider (SCIM)' : 'Managed here');

async function groups(main, context, [groupId]) {
  if (groupId) return group(main, context, groupId);
  const catalogue = await rbacRoles();
  const name = h('input', { type: 'text', required: true, maxlength: 255, id: 'group-name' });
  const choices = roleChoices(catalogue, [], 'Roles its members hold');
  const form = h('form', { id: 'create-group' }, h('div', { class: 'inline' }, field('Name', name)), choices.element,
    h('button', { type: 'submit' }, 'Create group'));
  const list = h('div', { id: 'groups' });
  onSubmit(form, async () => {
    const created = await api.call('/organizations/rbac_groups', { method: 'POST', body: { name: name.value.trim(), role_ids: choices.value() } });
    location.hash = `#/groups/${created.id}`;
  });
  show(main, heading('Groups'),
    h('p', { class: 'muted' }, 'Members of a group hold the roles it carries, on top of their own. Groups your identity provider manages (SCIM) get their members from it; their roles are set here.'),
    h('div', { class: 'panel' }, h('h2', {}, 'Create a group'), form), list);
  pagedList(list, params => api.page('/organizations/rbac_groups', params), data => table([
    { label: 'Name', value: g => h('a', { href: `#/groups/${g.id}` }, g.name) },
    { label: 'Roles', value: g => (g.role_ids || []).map(id => h('span', { class: 'tag' }, roleName(catalogue, id))) },
    { label: 'Source', value: g => sourceLabel(g) },
    { label: 'Updated', value: g => when(g.updated_at) },
  ], data, { empty: 'No groups yet.' }));
}

async function group(main, context, id) {
  const catalogue = await rbacRoles();
  const found = await act(main, () => api.call(`/organizations/rbac_groups/${encodeURIComponent(id)}`));
  if (!found) return;
  const managedHere = found.source_type !== 'scim';
  const parts = [heading(found.name), h('p', { class: 'muted' }, h('code', {}, found.id), ` — ${sourceLabel(found)}`)];
  const rolesBox = h('div', { class: 'panel', id: 'group-roles' });
  const choices = roleChoices(catalogue, found.role_ids || [], 'Roles its members hold');
  const rolesForm = h('form', { id: 'group-roles-form' }, choices.element, h('button', { type: 'submit' }, 'Save roles'));
  onSubmit(rolesForm, async () => {
    const changed = await api.call(`/organizations/rbac_groups/${id}`, { method: 'POST', body: { role_ids: choices.value() } });
    rolesForm.prepend(successBox(['Roles saved.', ...(changed.warnings || [])].join(' ')));
  });
  rolesBox.append(h('h2', {}, 'Roles'), rolesForm);
  parts.push(rolesBox);
  if (managedHere) {
    const name = h('input', { type: 'text', required: true, maxlength: 255, value: found.name, id: 'group-rename' });
    const rename = h('form', { class: 'inline', id: 'rename-group' }, field('Name', name), h('button', { type: 'submit' }, 'Rename'));
    onSubmit(rename, async () => {
      await api.call(`/organizations/rbac_groups/${id}`, { method: 'POST', body: { name: name.value.trim() } });
      await group(main, context, id);
    });
    parts.push(h('div', { class: 'panel' }, rename), actionButton('Delete group', main, async () => {
      await api.call(`/organizations/rbac_groups/${id}`, { method: 'DELETE' });
      location.hash = '#/groups';
    }, { kind: 'danger', id: 'delete-group', confirm: `Delete ${found.name}? Its members lose the roles it carries.`, confirmLabel: 'Delete' }));
  } else {
    parts.push(h('p', { class: 'muted', id: 'managed-by-idp' }, 'Its name and members come from your identity provider: change them there.'));
  }
  const membersBox = h('div', { id: 'group-members' });
  parts.push(h('h2', {}, 'Members'));
  if (managedHere) {
    const email = h('input', { type: 'email', required: true, autocomplete: 'off', id: 'group-member-email' });
    const add = h('form', { class: 'inline', id: 'add-group-member' }, field('Member\'s email', email), h('button', { type: 'submit' }, 'Add'));
    onSubmit(add, async () => {
      const found = await api.call('/organizations/users', { params: { email: email.value.trim(), limit: 1 } });
      if (!found.data.length) throw new Error(`${email.value.trim()} is not a member of this organization: invite them first.`);
      await api.call(`/organizations/rbac_groups/${id}/members`, { method: 'POST', body: { user_id: found.data[0].id } });
      email.value = '';
      listing.reload();
    });
    parts.push(h('div', { class: 'panel' }, add));
  }
  parts.push(membersBox);
  show(main, ...parts);
  const listing = pagedList(membersBox, params => api.page(`/organizations/rbac_groups/${id}/members`, params), data => table([
    { label: 'Member', value: m => h('a', { href: `#/members/${m.user_id}` }, m.email) },
    { label: 'Since', value: m => when(m.created_at) },
    { label: '', value: m => !managedHere ? '' : actionButton('Remove', membersBox, async () => {
      await api.call(`/organizations/rbac_groups/${id}/members/${m.user_id}`, { method: 'DELETE' });
      listing.reload();
    }, { kind: 'danger', ariaLabel: `Remove ${m.email} from ${found.name}`, confirm: `Remove ${m.email} from ${found.name}?` }) },
  ], data, { empty: 'No members.' }));
}

/** One member: their roles and where each comes from, their groups, and signing them out. */
async function member(main, context, idOrParts) {
  const id = Array.isArray(idOrParts) ? idOrParts[0] : idOrParts;
  const user = await act(main, () => api.call(`/organizations/users/${encodeURIComponent(id)}`));
  if (!user) return;
  const explained = await act(main, () => api.call(`/organizations/users/${encodeURIComponent(id)}/permissions`));
  if (!explained) return;
  const result = h('div', { id: 'member-result' });
  const parts = [heading(user.name || user.email), h('p', { class: 'muted' }, user.email, ' — ', h('code', {}, user.id)),
    h('h2', {}, 'Roles held'),
    table([
      { label: 'Role', value: r => h('strong', {}, r.role) },
      { label: 'From', value: r => (r.source.type === 'rbac_group'
        ? h('span', {}, 'group ', h('a', { href: `#/groups/${r.source.id}` }, r.source.name)) : 'their own role') },
    ], explained.roles, { label: 'Roles held and where each comes from' }),
    h('h2', {}, 'What they may do in the organization'),
    h('ul', { id: 'member-permissions' }, explained.decisions.filter(d => d.granted && d.scope === 'organization').map(d =>
      h('li', {}, h('code', {}, d.permission), ' — ', (d.sources || []).join('; '))))];
  if (context.me && context.me.id !== id) {
    parts.push(h('h2', {}, 'Sessions'),
      h('p', { class: 'muted' }, 'Signing out ends every session of theirs in this organization at once; they sign in again to continue.'),
      actionButton('Sign out everywhere', result, async () => {
        await api.call(`/organizations/users/${id}/sign_out`, { method: 'POST' });
        show(result, successBox(`${user.email} is signed out of ${context.organization.name}.`));
      }, { id: 'sign-out-member', kind: 'danger', confirm: `Sign ${user.email} out of every session in ${context.organization.name}?`, confirmLabel: 'Sign out' }),
      result);
  }
  show(main, ...parts);
}

async function identityProvider(main, context) {
  const scimUrl = `${location.origin}/scim/v2`;
  const created = h('div', { id: 'new-scim-token' });
  const tokens = h('div', { id: 'scim-tokens' });
  const tokenName = h('input', { type: 'text', maxlength: 255, placeholder: 'e.g. Okta', id: 'scim-token-name' });
  const tokenForm = h('form', { class: 'inline', id: 'create-scim-token' }, field('Name', tokenName), h('button', { type: 'submit' }, 'Create SCIM token'));
  onSubmit(tokenForm, async () => {
    const token = await api.call('/organizations/scim_tokens', { method: 'POST', body: { name: tokenName.value.trim() || null } });
    show(created, h('div', { class: 'panel', role: 'status' },
      h('h2', {}, `SCIM token “${token.name}” created`),
      h('p', {}, 'Give your identity provider this endpoint and token. Copy the token now: it is shown this once.'),
      h('p', {}, 'SCIM endpoint: ', h('code', { id: 'scim-endpoint-new' }, scimUrl)),
      h('p', { class: 'secret', id: 'scim-secret' }, token.secret),
      h('div', { class: 'actions' }, copyButton(token.secret, 'Copy token'),
        h('button', { type: 'button', class: 'secondary', onclick: event => event.target.closest('.panel').remove() }, 'Done'))));
    tokenName.value = '';
    listing.reload();
  });
  const settingsBox = h('div', { class: 'panel', id: 'sign-in-settings' });
  show(main, heading('Identity provider'),
    h('p', { class: 'muted' }, 'Connect your identity provider (Okta, Microsoft Entra ID, Keycloak): it provisions people and groups through SCIM, and people of your email domains join when they first sign in.'),
    h('h2', {}, 'SCIM provisioning'),
    h('p', {}, 'SCIM 2.0 endpoint: ', h('code', { id: 'scim-endpoint' }, scimUrl), ' ', copyButton(scimUrl, 'Copy endpoint')),
    h('div', { class: 'panel' }, tokenForm), created, tokens,
    h('h2', {}, 'Sign-in provisioning'), settingsBox);
  const listing = pagedList(tokens, params => api.page('/organizations/scim_tokens', params), data => table([
    { label: 'Name', value: t => t.name },
    { label: 'Token', value: t => h('code', {}, t.partial_key_hint) },
    { label: 'Status', value: t => t.status },
    { label: 'Created', value: t => when(t.created_at) },
    { label: '', value: t => t.status !== 'active' ? '' : actionButton('Revoke', tokens, async () => {
      await api.call(`/organizations/scim_tokens/${t.id}/revoke`, { method: 'POST' });
      listing.reload();
    }, { kind: 'danger', ariaLabel: `Revoke SCIM token ${t.name}`, confirm: `Revoke “${t.name}”? Provisioning with it stops at once.`, confirmLabel: 'Revoke' }) },
  ], data, { empty: 'No SCIM tokens.' }));

  const settings = await act(settingsBox, () => api.call('/organizations/sign_in_settings'));
  if (!settings) return;
  const issuer = select(settings.trusted_issuers.map(i => [i, i]), { id: 'sign-in-issuer' });
  if (settings.issuer) issuer.value = settings.issuer;
  const domains = h('input', { type: 'text', value: (settings.email_domains || []).join(', '), id: 'sign-in-domains', placeholder: 'example.com, example.org' });
  const defaultRole = select([['user', 'user'], ['claude_code_user', 'claude_code_user'], ['developer', 'developer']], { id: 'sign-in-default-role' });
  defaultRole.value = settings.default_role || 'user';
  const claim = h('input', { type: 'text', value: settings.groups_claim || 'groups', maxlength: 255, id: 'sign-in-groups-claim' });
  const form = h('form', { id: 'sign-in-settings-form' },
    h('div', { class: 'inline' }, field('Issuer', issuer, 'An identity provider this server verifies tokens of.'),
      field('Email domains', domains, 'Comma-separated; each belongs to one organization.')),
    h('div', { class: 'inline' }, field('Default role', defaultRole), field('Groups claim', claim, 'The token claim naming the person\'s groups.')),
    h('button', { type: 'submit' }, 'Save sign-in settings'));
  onSubmit(form, async () => {
    await api.call('/organizations/sign_in_settings', { method: 'PUT', body: {
      issuer: issuer.value,
      email_domains: domains.value.split(',').map(d => d.trim()).filter(Boolean),
      default_role: defaultRole.value,
      groups_claim: claim.value.trim(),
    } });
    form.prepend(successBox('Sign-in settings saved.'));
  });
  show(settingsBox, h('p', { class: 'muted' }, 'People signing in from this issuer with a verified email of these domains join with the default role; each new token sets their membership of the SCIM groups its groups claim names.'), form);
}

/** The permissions a custom role may list, from the catalog (GET /v1/roles): never those that stay with admin. */
const NOT_ASSIGNABLE = ['members:manage', 'admin_keys:manage'];

/** Permission checkboxes grouped by where they hold, each with what it allows; `checked` the names ticked. */
function permissionChoices(catalogue, checked, idPrefix) {
  const groups = [
    ['Organization', p => p.scope === 'organization' && !p.module],
    ['Every workspace (Default and standard; the Claude Code workspace too with claude_code:use)', p => p.scope === 'workspace' && !p.module],
    ['Other modules', p => !!p.module],
  ];
  const boxes = [];
  const sets = groups.map(([legend, test]) => {
    const entries = catalogue.filter(p => test(p) && !NOT_ASSIGNABLE.includes(p.name));
    if (!entries.length) return null;
    return h('fieldset', { class: 'roles' }, h('legend', {}, legend), entries.map(p => {
      const box = h('input', { type: 'checkbox', value: p.name, id: `${idPrefix}-${p.name.replace(/[^a-z0-9]/g, '-')}` });
      box.checked = checked.includes(p.name);
      boxes.push(box);
      return h('label', { for: box.id, class: 'check' }, box, ' ', h('code', {}, p.name), ` — ${p.description}${p.module ? ` (${p.module})` : ''}`);
    }));
  }).filter(Boolean);
  return { element: h('div', { class: 'permission-choices' }, sets), value: () => boxes.filter(b => b.checked).map(b => b.value) };
}

/** The organization's custom roles: define them from the catalog's permissions, change them, see which groups carry them. */
async function customRoles(main, context) {
  const catalogue = (await api.call('/roles')).permissions;
  const name = h('input', { type: 'text', required: true, maxlength: 255, id: 'role-name' });
  const choices = permissionChoices(catalogue, [], 'new-role');
  const form = h('form', { id: 'create-role' }, h('div', { class: 'inline' }, field('Name', name)), choices.element,
    h('button', { type: 'submit' }, 'Create role'));
  const list = h('div', { id: 'custom-roles' });
  onSubmit(form, async () => {
    await api.call('/organizations/rbac_roles', { method: 'POST', body: { display_name: name.value.trim(), permissions: choices.value() } });
    rbacRolesCache = null;
    await customRoles(main, context);
  });
  show(main, heading('Custom roles'),
    h('p', { class: 'muted' }, 'A custom role holds the permissions listed here; groups carry it like a built-in role, and every member of such a group holds it at once. Members, Admin API keys and roles themselves stay with admin.'),
    h('div', { class: 'panel' }, h('h2', {}, 'Create a role'), form), list);
  const [roles, groupsPage] = await Promise.all([rbacRoles(), api.call('/organizations/rbac_groups', { params: { limit: 1000 } })]);
  const custom = roles.filter(r => r.source?.type === 'custom');
  if (!custom.length) {
    list.append(h('p', { class: 'muted' }, 'No custom roles yet.'));
    return;
  }
  for (const role of custom) {
    const permissions = (await api.call(`/organizations/rbac_roles/${role.id}/permissions`, { params: { limit: 100 } })).data.map(p => p.action);
    const carriers = groupsPage.data.filter(g => (g.role_ids || []).includes(role.id));
    const edit = permissionChoices(catalogue, permissions, `edit-${role.id}`);
    const editForm = h('form', { class: 'edit-role', 'data-role': role.display_name }, edit.element, h('button', { type: 'submit' }, `Save ${role.display_name}`));
    onSubmit(editForm, async () => {
      await api.call(`/organizations/rbac_roles/${role.id}`, { method: 'POST', body: { permissions: edit.value() } });
      editForm.prepend(successBox(`${role.display_name} saved: its holders have these permissions from their next request.`));
    });
    list.append(h('div', { class: 'panel role', 'data-role': role.display_name },
      h('h2', {}, role.display_name), h('p', { class: 'muted' }, h('code', {}, role.id)),
      h('p', {}, 'Carried by: ', carriers.length ? carriers.map(g => h('a', { href: `#/groups/${g.id}`, class: 'tag' }, g.name)) : 'no group yet'),
      editForm,
      actionButton(`Delete ${role.display_name}`, list, async () => {
        await api.call(`/organizations/rbac_roles/${role.id}`, { method: 'DELETE' });
        rbacRolesCache = null;
        await customRoles(main, context);
      }, { kind: 'danger', confirm: `Delete ${role.display_name}?`, confirmLabel: 'Delete' })));
  }
}

export const IDENTITY_PAGES = { groups, identity: identityProvider, member, 'custom-roles': customRoles };

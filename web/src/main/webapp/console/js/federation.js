// Workload identity federation: the token issuers the organization trusts, the rules that map their tokens to a service
// account, and a box to test a token (which rule matches, and why: the decision service's reasons). members:manage only;
// the server decides every change.
import * as api from './api.js';
import { h, show, field, select, table, actionButton, onSubmit, when } from './ui.js';

const heading = text => h('h1', {}, text);

const keysLabel = jwks => ({ discovery: 'OpenID discovery', explicit_url: `JWKS at ${jwks.url}`, inline: `${(jwks.keys || []).length} key(s) given here` }[jwks.type]);

const pollLabel = issuer => {
  if (!issuer.poll_status) return 'not polled (keys given here)';
  if (issuer.jwks_polling_disabled_at) return 'polling disabled';
  const status = issuer.poll_status;
  if (status.consecutive_failures) return `${status.consecutive_failures} failed fetch(es) in a row`;
  return status.last_fetched_at ? `fetched ${when(status.last_fetched_at)}` : 'not fetched yet';
};

async function federation(main, context) {
  const [issuers, rules, accounts] = await Promise.all([
    api.call('/organizations/federation_issuers', { params: { limit: 1000 } }),
    api.call('/organizations/federation_rules', { params: { limit: 1000 } }),
    api.call('/organizations/service_accounts', { params: { limit: 1000 } }),
  ]);
  const issuerPanel = h('div', { class: 'panel', id: 'federation-issuers' }, h('h2', {}, 'Issuers'));
  const rulePanel = h('div', { class: 'panel', id: 'federation-rules' }, h('h2', {}, 'Rules'));
  const testPanel = h('div', { class: 'panel', id: 'federation-test' }, h('h2', {}, 'Test a token'));
  show(main, heading('Workload federation'),
    h('p', { class: 'muted' }, 'A CI job or a pod exchanges its own short-lived token (POST /v1/oauth/token, RFC 8693) for a service account\'s access token, limited to the rule\'s workspaces and lifetime: no API key to store as a secret.'),
    issuerPanel, rulePanel, testPanel);

  // issuers
  const reload = () => federation(main, context);
  issuerPanel.append(table([
    { label: 'Name', value: i => i.name },
    { label: 'Issuer URL', value: i => h('code', {}, i.issuer_url) },
    { label: 'Keys', value: i => keysLabel(i.jwks) },
    { label: 'Key polling', value: pollLabel },
    { label: 'Replays', value: i => (i.check_jti ? 'refused (jti checked)' : 'not checked') },
    { label: 'Actions', value: i => actionButton(`Archive ${i.name}`, issuerPanel, async () => {
      await api.call(`/organizations/federation_issuers/${i.id}/archive`, { method: 'POST' });
      await reload();
    }, { kind: 'danger', confirm: `Archive ${i.name}? Its rules take no token any more and the tokens exchanged through it end.`, confirmLabel: 'Archive' }) },
  ], issuers.data, { empty: 'No issuer yet.', label: 'Issuers' }));
  const name = h('input', { type: 'text', required: true, maxlength: 255, id: 'issuer-name' });
  const url = h('input', { type: 'url', required: true, maxlength: 2000, id: 'issuer-url', placeholder: 'https://token.actions.githubusercontent.com' });
  const source = select([['discovery', 'OpenID discovery'], ['explicit_url', 'A JWKS URL'], ['inline', 'Keys given here (JWKS)']], { id: 'issuer-keys-source' });
  const jwksUrl = h('input', { type: 'url', maxlength: 2000, id: 'issuer-jwks-url' });
  const inlineKeys = h('textarea', { id: 'issuer-inline-keys', rows: 3, placeholder: '[{"kty":"RSA","kid":"…","n":"…","e":"AQAB"}]' });
  const checkJti = h('input', { type: 'checkbox', id: 'issuer-check-jti' });
  const issuerForm = h('form', { id: 'create-issuer' },
    h('div', { class: 'inline' }, field('Name', name), field('Issuer URL (the tokens\' iss)', url), field('Keys from', source)),
    h('div', { class: 'inline' }, field('JWKS URL (for a JWKS URL)', jwksUrl), field('Keys (for keys given here)', inlineKeys)),
    h('label', { for: 'issuer-check-jti', class: 'check' }, checkJti, ' Refuse a token whose jti was seen before'),
    h('button', { type: 'submit' }, 'Add issuer'));
  onSubmit(issuerForm, async () => {
    const jwks = { type: source.value };
    if (source.value === 'explicit_url') jwks.url = jwksUrl.value.trim();
    if (source.value === 'inline') jwks.keys = JSON.parse(inlineKeys.value || '[]');
    await api.call('/organizations/federation_issuers', {
      method: 'POST', body: { name: name.value.trim(), issuer_url: url.value.trim(), jwks, check_jti: checkJti.checked },
    });
    await reload();
  });
  issuerPanel.append(h('h3', {}, 'Add an issuer'), issuerForm);

  // rules
  const issuerName = id => issuers.data.find(i => i.id === id)?.name || id;
  rulePanel.append(table([
    { label: 'Name', value: r => r.name },
    { label: 'Issuer', value: r => issuerName(r.issuer_id) },
    { label: 'Tokens it takes', value: r => [r.match.audience && `audience ${r.match.audience}`, r.match.subject_prefix && `subject ${r.match.subject_prefix}…`,
      r.match.claims && `claims ${JSON.stringify(r.match.claims)}`, r.match.condition && `condition ${r.match.condition}`].filter(Boolean).join('; ') || 'any' },
    { label: 'Service account', value: r => r.target.service_account_name || r.target.service_account_id },
    { label: 'Workspaces', value: r => (r.applies_to_all_workspaces ? 'all' : r.workspace_ids.map(id => context.workspaces.find(w => w.id === id)?.name || id).join(', ') || 'none yet') },
    { label: 'Lifetime', value: r => `${r.token_lifetime_seconds} s`, num: true },
    { label: 'Actions', value: r => actionButton(`Archive ${r.name}`, rulePanel, async () => {
      await api.call(`/organizations/federation_rules/${r.id}/archive`, { method: 'POST' });
      await reload();
    }, { kind: 'danger', confirm: `Archive ${r.name}? The tokens exchanged through it end at once.`, confirmLabel: 'Archive' }) },
  ], rules.data, { empty: 'No rule yet.', label: 'Rules' }));
  if (issuers.data.length && accounts.data.some(a => !a.archived_at)) {
    const ruleName = h('input', { type: 'text', required: true, maxlength: 255, id: 'rule-name' });
    const ruleIssuer = select(issuers.data.map(i => [i.id, i.name]), { id: 'rule-issuer' });
    const account = select(accounts.data.filter(a => !a.archived_at).map(a => [a.id, `${a.name} (${a.organization_role})`]), { id: 'rule-account' });
    const audience = h('input', { type: 'text', maxlength: 2000, id: 'rule-audience' });
    const prefix = h('input', { type: 'text', maxlength: 2000, id: 'rule-subject-prefix', placeholder: 'repo:acme/payments:' });
    const condition = h('input', { type: 'text', maxlength: 4000, id: 'rule-condition', placeholder: "claims.ref == 'refs/heads/main'" });
    const workspace = select([['', 'every workspace'], ...context.workspaces.map(w => [w.id, w.name])], { id: 'rule-workspace' });
    const ruleForm = h('form', { id: 'create-rule' },
      h('div', { class: 'inline' }, field('Name', ruleName), field('Issuer', ruleIssuer), field('Service account', account)),
      h('div', { class: 'inline' }, field('Audience', audience), field('Subject prefix', prefix), field('Condition (CEL)', condition), field('Workspace', workspace)),
      h('button', { type: 'submit' }, 'Add rule'));
    onSubmit(ruleForm, async () => {
      const match = {};
      if (audience.value.trim()) match.audience = audience.value.trim();
      if (prefix.value) match.subject_prefix = prefix.value;
      if (condition.value.trim()) match.condition = condition.value.trim();
      const body = { issuer_id: ruleIssuer.value, name: ruleName.value.trim(), oauth_scope: 'workspace:developer', match,
        target: { type: 'service_account', service_account_id: account.value } };
      if (workspace.value) body.workspace_id = workspace.value; else body.applies_to_all_workspaces = true;
      await api.call('/organizations/federation_rules', { method: 'POST', body });
      await reload();
    });
    rulePanel.append(h('h3', {}, 'Add a rule'), ruleForm);
  }

  // the test box
  const token = h('textarea', { id: 'test-token', rows: 4, required: true });
  const result = h('div', { id: 'test-result', 'aria-live': 'polite' });
  const testForm = h('form', { id: 'test-token-form' }, field('A workload\'s token (JWT)', token,
    'Checked like an exchange (signature, issuer, expiry, lifetime) and against every rule, but nothing is exchanged and no jti is used up.'),
  h('button', { type: 'submit' }, 'Test'));
  onSubmit(testForm, async () => {
    const answer = await api.call('/organizations/federation_rules/test', { method: 'POST', body: { token: token.value.trim() } });
    show(result,
      h('p', {}, answer.verified ? h('strong', {}, 'The token verifies.') : h('strong', {}, 'The token does not verify.')),
      h('ul', {}, answer.findings.map(finding => h('li', {}, finding))),
      answer.rules.map(rule => h('div', { class: `rule-outcome ${rule.matched ? 'matched' : 'unmatched'}`, 'data-rule': rule.name },
        h('h3', {}, `${rule.name}: ${rule.matched ? 'matches' : 'does not match'}`),
        h('ul', {}, rule.reasons.map(reason => h('li', {}, reason))))));
  });
  testPanel.append(testForm, result);
}

export const FEDERATION_PAGES = { federation };

"""Loads Keycloak (started by ear/src/test/keycloak/keycloak.sh, its master admin admin/admin) with what bench/keycloak-bench.sh
asks this product too: a realm "bench" with the five organization roles as realm roles, an owner holding admin, 25 members
holding developer, and a confidential client "bench-api" whose Authorization Services decide "members#manage" by a role
policy (admin). Its service account may manage users (the admin REST calls). Prints shell assignments: the owner's access
token (for the decision), the service account's token (for the admin calls), the members' ids, the two roles' JSON.
Standard library only (urllib)."""
import json
import sys
import urllib.parse
import urllib.request

BASE = sys.argv[1] if len(sys.argv) > 1 else "http://localhost:18080"
REALM = "bench"
CLIENT = "bench-api"
SECRET = "bench-api-secret-for-benchmarks-only"
MEMBERS = 25


def call(method, path, token=None, body=None, form=None):
    headers = {}
    data = None
    if token:
        headers["Authorization"] = "Bearer " + token
    if body is not None:
        headers["Content-Type"] = "application/json"
        data = json.dumps(body).encode()
    if form is not None:
        headers["Content-Type"] = "application/x-www-form-urlencoded"
        data = urllib.parse.urlencode(form).encode()
    request = urllib.request.Request(BASE + path, data=data, headers=headers, method=method)
    with urllib.request.urlopen(request) as response:
        text = response.read().decode()
        return (json.loads(text) if text else None), response.headers.get("Location")


def token(realm, form):
    answer, _ = call("POST", f"/realms/{realm}/protocol/openid-connect/token", form=form)
    return answer["access_token"]


master = token("master", {"grant_type": "password", "client_id": "admin-cli", "username": "admin", "password": "admin"})
try:
    call("DELETE", f"/admin/realms/{REALM}", master)
except urllib.error.HTTPError:
    pass
call("POST", "/admin/realms", master, {"realm": REALM, "enabled": True, "accessTokenLifespan": 7200,
                                       "ssoSessionIdleTimeout": 36000, "ssoSessionMaxLifespan": 36000})
for role in ["user", "claude_code_user", "developer", "billing", "admin"]:
    call("POST", f"/admin/realms/{REALM}/roles", master, {"name": role})
roles = {r["name"]: r for r in call("GET", f"/admin/realms/{REALM}/roles", master)[0]}

call("POST", f"/admin/realms/{REALM}/clients", master, {
    "clientId": CLIENT, "enabled": True, "publicClient": False, "secret": SECRET, "serviceAccountsEnabled": True,
    "authorizationServicesEnabled": True, "directAccessGrantsEnabled": True, "standardFlowEnabled": False})
client = call("GET", f"/admin/realms/{REALM}/clients?clientId={CLIENT}", master)[0][0]
authz = f"/admin/realms/{REALM}/clients/{client['id']}/authz/resource-server"
resource = call("POST", f"{authz}/resource", master, {"name": "members", "scopes": [{"name": "manage"}]})[0]
scope = next(s for s in call("GET", f"{authz}/scope", master)[0] if s["name"] == "manage")
policy = call("POST", f"{authz}/policy/role", master, {"name": "admins", "roles": [{"id": roles["admin"]["id"], "required": False}],
                                                       "logic": "POSITIVE", "decisionStrategy": "UNANIMOUS"})[0]
call("POST", f"{authz}/permission/scope", master, {"name": "members:manage", "resources": [resource["_id"]], "scopes": [scope["id"]],
                                                   "policies": [policy["id"]], "decisionStrategy": "UNANIMOUS"})

# the service account manages users (list, role mappings)
account = call("GET", f"/admin/realms/{REALM}/clients/{client['id']}/service-account-user", master)[0]
management = call("GET", f"/admin/realms/{REALM}/clients?clientId=realm-management", master)[0][0]
wanted = [r for r in call("GET", f"/admin/realms/{REALM}/clients/{management['id']}/roles", master)[0]
          if r["name"] in ("manage-users", "view-users", "query-users")]
call("POST", f"/admin/realms/{REALM}/users/{account['id']}/role-mappings/clients/{management['id']}", master, wanted)


def user(name, role):
    _, location = call("POST", f"/admin/realms/{REALM}/users", master, {
        "username": name, "email": f"{name}@bench.example", "firstName": name, "lastName": "Bench", "enabled": True, "emailVerified": True,
        "credentials": [{"type": "password", "value": name + "-password", "temporary": False}]})
    user_id = location.rsplit("/", 1)[1]
    call("POST", f"/admin/realms/{REALM}/users/{user_id}/role-mappings/realm", master, [roles[role]])
    return user_id


user("owner", "admin")
members = [user(f"member{i}", "developer") for i in range(1, MEMBERS + 1)]

owner_token = token(REALM, {"grant_type": "password", "client_id": CLIENT, "client_secret": SECRET, "username": "owner", "password": "owner-password"})
admin_token = token(REALM, {"grant_type": "client_credentials", "client_id": CLIENT, "client_secret": SECRET})
# the decision answers for the owner (admin): true
decision, _ = call("POST", f"/realms/{REALM}/protocol/openid-connect/token", owner_token, form={
    "grant_type": "urn:ietf:params:oauth:grant-type:uma-ticket", "audience": CLIENT, "permission": "members#manage", "response_mode": "decision"})
assert decision == {"result": True}, decision

print(f"KC_OWNER_TOKEN='{owner_token}'")
print(f"KC_ADMIN_TOKEN='{admin_token}'")
print(f"KC_MEMBERS='{' '.join(members)}'")
print(f"KC_ROLE_DEVELOPER='{json.dumps([{'id': roles['developer']['id'], 'name': 'developer'}])}'")
print(f"KC_ROLE_BILLING='{json.dumps([{'id': roles['billing']['id'], 'name': 'billing'}])}'")

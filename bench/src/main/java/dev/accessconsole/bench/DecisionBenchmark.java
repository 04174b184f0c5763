package dev.accessconsole.bench;

import dev.accessconsole.authz.api.GrantSource;
import dev.accessconsole.authz.api.HeldRole;
import dev.accessconsole.authz.api.MemberStanding;
import dev.accessconsole.authz.api.OrgRole;
import dev.accessconsole.authz.api.Permission;
import dev.accessconsole.authz.api.PermissionScope;
import dev.accessconsole.authz.api.PrincipalKind;
import dev.accessconsole.authz.api.WorkspaceKind;
import dev.accessconsole.authz.api.WorkspaceRole;
import dev.accessconsole.authz.api.WorkspaceStanding;
import dev.accessconsole.authz.policy.AccessPolicy;
import org.casbin.jcasbin.main.Enforcer;
import org.casbin.jcasbin.model.Model;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * One access decision, three ways, in the same run: the policy's answer from a loaded standing
 * ({@link AccessPolicy#holds}, what the guard asks per request), the same answer explained with reasons
 * ({@link AccessPolicy#decide}, what a refusal pays), a plain {@code HashSet.contains} of precomputed grants (the floor),
 * and jCasbin's RBAC-with-domains enforcer loaded with the same role matrix (generated from the policy's tables).
 * The questions rotate over granted and refused permissions of a developer who is workspace_developer in one workspace.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class DecisionBenchmark {

    private static final String CASBIN_MODEL = String.join("\n",
            "[request_definition]", "r = sub, dom, obj, act",
            "[policy_definition]", "p = sub, dom, obj, act",
            "[role_definition]", "g = _, _, _",
            "[policy_effect]", "e = some(where (p.eft == allow))",
            "[matchers]", "m = g(r.sub, p.sub, r.dom) && (p.dom == \"*\" || r.dom == p.dom) && r.obj == p.obj && r.act == p.act");

    private static final Permission[] ASKED = {Permission.API_KEYS_MANAGE, Permission.USAGE_READ, Permission.WORKSPACE_MANAGE,
            Permission.WORKBENCH_USE, Permission.ORGANIZATION_READ, Permission.MEMBERS_MANAGE, Permission.WORKSPACE_MEMBERS_MANAGE,
            Permission.LIMITS_READ};

    private MemberStanding standing;
    private MemberStanding grouped;
    private MemberStanding customised;
    private WorkspaceStanding workspace;
    private Set<String> grants;
    private String[] keys;
    private Enforcer enforcer;
    private String[][] requests;
    private int next;

    @Setup
    public void setUp() {
        standing = new MemberStanding("org1", PrincipalKind.USER, "user_dave", OrgRole.DEVELOPER,
                Map.of("ws1", new MemberStanding.Membership(WorkspaceKind.STANDARD, WorkspaceRole.WORKSPACE_DEVELOPER)));
        workspace = new WorkspaceStanding("ws1", WorkspaceKind.STANDARD, false);
        // the same person as an org user who holds developer and billing through two groups (roles.md, "Several roles")
        grouped = new MemberStanding("org1", PrincipalKind.USER, "user_dave",
                java.util.List.of(HeldRole.direct(OrgRole.USER), new HeldRole(OrgRole.DEVELOPER, GrantSource.group("rbacgrp_1", "Engineering")),
                        new HeldRole(OrgRole.BILLING, GrantSource.group("rbacgrp_2", "Finance"))),
                Map.of("ws1", new MemberStanding.Membership(WorkspaceKind.STANDARD, WorkspaceRole.WORKSPACE_DEVELOPER)), 0);

        // the same, with a custom role (Auditor) through a third group, and a permission a module declared in the catalog
        Permission.declare("payroll:export", PermissionScope.ORGANIZATION, "Export the payroll", "payroll");
        customised = new MemberStanding("org1", PrincipalKind.USER, "user_dave", grouped.roles(),
                java.util.List.of(new dev.accessconsole.authz.api.HeldCustomRole(dev.accessconsole.authz.api.CustomRole.of("role_auditor", "Auditor",
                        java.util.List.of(Permission.AUDIT_READ, Permission.ACCESS_REVIEW_READ, Permission.USAGE_READ)),
                        GrantSource.group("rbacgrp_3", "Compliance"))),
                grouped.memberships(), 0);

        grants = new HashSet<>();
        keys = new String[ASKED.length];
        requests = new String[ASKED.length][];
        for (int i = 0; i < ASKED.length; i++) {
            Permission p = ASKED[i];
            String domain = p.scope() == PermissionScope.ORGANIZATION ? "org1" : "ws1";
            keys[i] = "user_dave|" + domain + "|" + p.value();
            if (AccessPolicy.holds(standing, p, workspace)) {
                grants.add(keys[i]);
            }
            String[] parts = p.value().split(":");
            requests[i] = new String[]{"user_dave", domain, parts[0], parts[1]};
        }

        // the same matrix as casbin policies: every role's permissions in any domain, and dave's roles per domain
        enforcer = new Enforcer(Model.newModelFromString(CASBIN_MODEL));
        for (OrgRole role : OrgRole.values()) {
            for (Permission p : AccessPolicy.organizationPermissions(role)) {
                String[] parts = p.value().split(":");
                enforcer.addPolicy(role.value(), "*", parts[0], parts[1]);
            }
        }
        for (WorkspaceRole role : WorkspaceRole.values()) {
            for (Permission p : AccessPolicy.workspacePermissions(role)) {
                String[] parts = p.value().split(":");
                enforcer.addPolicy(role.value(), "*", parts[0], parts[1]);
            }
        }
        enforcer.addGroupingPolicy("user_dave", OrgRole.DEVELOPER.value(), "org1");
        enforcer.addGroupingPolicy("user_dave", WorkspaceRole.WORKSPACE_DEVELOPER.value(), "ws1");
        for (int i = 0; i < ASKED.length; i++) {
            String[] r = requests[i];
            if (enforcer.enforce((Object[]) r) != grants.contains(keys[i])) {
                throw new IllegalStateException("jCasbin and the policy disagree on " + ASKED[i]);
            }
        }
    }

    private int question() {
        return (next++) & (ASKED.length - 1);
    }

    @Benchmark
    public boolean policyHoldsFromStanding() {
        return AccessPolicy.holds(standing, ASKED[question()], workspace);
    }

    /** The decision for a member holding two groups' roles and a custom role through a third group. */
    @Benchmark
    public boolean policyHoldsFromStandingWithGroupsAndACustomRole() {
        return AccessPolicy.holds(customised, ASKED[question()], workspace);
    }

    /** The decision for a member holding three roles (their own and two groups'): the guard's per-request question. */
    @Benchmark
    public boolean policyHoldsFromStandingWithTwoGroups() {
        return AccessPolicy.holds(grouped, ASKED[question()], workspace);
    }

    @Benchmark
    public boolean policyDecideWithReasons() {
        return AccessPolicy.decide(standing, ASKED[question()], workspace).granted();
    }

    @Benchmark
    public boolean hashSetContains() {
        return grants.contains(keys[question()]);
    }

    @Benchmark
    public boolean jcasbinEnforce() {
        return enforcer.enforce((Object[]) requests[question()]);
    }
}

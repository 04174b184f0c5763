package dev.accessconsole.web.interfaces.rest.json;

import dev.accessconsole.domain.model.RbacGroup;
import dev.accessconsole.domain.model.RbacGroupMember;

import java.time.Instant;
import java.util.List;

/** A group as the official {@code rbac_groups} service shows it; {@code warnings} only after a change that had consequences. */
public record RbacGroupJson(String id, String type, String name, List<String> roleIds, String sourceType, Instant createdAt,
                            Instant updatedAt, List<String> warnings) {

    public static RbacGroupJson of(RbacGroup group) {
        return of(group, null);
    }

    public static RbacGroupJson of(RbacGroup group, List<String> warnings) {
        return new RbacGroupJson(group.id(), "rbac_group", group.name(), group.roleIds(), group.source().value(), group.createdAt(),
                group.updatedAt(), warnings == null || warnings.isEmpty() ? null : warnings);
    }

    public record Member(String type, String rbacGroupId, String userId, String email, Instant createdAt) {
        public static Member of(RbacGroupMember member) {
            return new Member("rbac_group_member", member.groupId(), member.userId(), member.user().email(), member.createdAt());
        }
    }

    public record MemberDeleted(String type, String rbacGroupId, String userId, List<String> warnings) {
    }

    public record Deleted(String id, String type, List<String> warnings) {
    }
}

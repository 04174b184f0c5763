package dev.accessconsole.web.interfaces.rest.json;

import dev.accessconsole.domain.application.ServiceAccountService;
import dev.accessconsole.domain.model.ServiceAccount;

import java.time.Instant;
import java.util.List;

/** A service account in the Admin API's shape. */
public record ServiceAccountJson(String id, String type, String name, String description, String organizationRole,
                                 Instant createdAt, String createdByActorId, Instant updatedAt, String updatedByActorId,
                                 Instant archivedAt, String archivedByActorId, List<String> apiKeysArchived) {

    public static ServiceAccountJson of(ServiceAccount account) {
        return of(account, null);
    }

    /** With the keys a change archived (the account can no longer use their workspace), when it archived any. */
    public static ServiceAccountJson of(ServiceAccount account, List<String> archivedKeys) {
        return new ServiceAccountJson(account.id(), "service_account", account.name(), account.description(),
                account.organizationRole().value(), account.createdAt(), account.createdBy(), account.updatedAt(),
                account.updatedBy(), account.archivedAt(), account.archivedBy(), archivedKeys == null || archivedKeys.isEmpty() ? null : archivedKeys);
    }

    /** A service account's membership in a workspace. */
    public record Member(String type, String serviceAccountId, String workspaceId, String workspaceRole, boolean implicit,
                         String createdByActorId) {

        public static Member of(ServiceAccountService.Membership membership) {
            return new Member("service_account_workspace_member", membership.serviceAccountId(), membership.workspaceId(),
                    membership.role().value(), membership.implicit(), membership.createdBy());
        }
    }

    /** The answer to removing a membership, with the account's keys in that workspace, archived with it. */
    public record MemberDeleted(String type, String serviceAccountId, String workspaceId, List<String> apiKeysArchived) {
    }
}

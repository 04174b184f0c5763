package dev.accessconsole.domain.model;

import dev.accessconsole.authz.api.WorkspaceKind;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** An API key's status transitions (api.md), without a container: archived is final, expired is a state, archived workspaces are read-only. */
class ApiKeyTest {

    private static final Instant NOW = Instant.parse("2026-12-07T12:00:00Z");

    private static ApiKey key(Instant expiresAt) {
        Workspace workspace = new Workspace(new Organization("Acme", "billing@acme.example", NOW), "Deploys", WorkspaceKind.STANDARD, null, NOW);
        return ApiKey.create(workspace, "deploy", new Actor("user", "user_1"), null, expiresAt, NOW).key();
    }

    @Test
    void whenAKeyIsRenamedAndDeactivatedThenTheChangeSaysWhatChanged() {
        ApiKey key = key(null);
        Map<String, String> changed = key.change("renamed", ApiKey.Status.INACTIVE, NOW);
        assertThat(changed).containsEntry("name_before", "deploy").containsEntry("name_after", "renamed")
                .containsEntry("status_before", "active").containsEntry("status_after", "inactive");
        assertThat(key.change("renamed", ApiKey.Status.INACTIVE, NOW)).isEmpty();
        key.change(null, ApiKey.Status.ACTIVE, NOW);
        assertThat(key.status()).isEqualTo(ApiKey.Status.ACTIVE);
    }

    @Test
    void whenAKeyIsArchivedThenItNeverChangesAgain() {
        ApiKey key = key(null);
        key.change(null, ApiKey.Status.ARCHIVED, NOW);
        for (ApiKey.Status revived : new ApiKey.Status[]{ApiKey.Status.ACTIVE, ApiKey.Status.INACTIVE}) {
            assertThatThrownBy(() -> key.change(null, revived, NOW)).isInstanceOfSatisfying(DomainException.class,
                    refused -> assertThat(refused.errorCode()).isEqualTo(ErrorCode.API_KEY_ARCHIVED));
        }
        assertThatThrownBy(() -> key.change("another name", null, NOW)).isInstanceOf(DomainException.class);
        assertThat(key.change(null, ApiKey.Status.ARCHIVED, NOW)).isEmpty();
        assertThat(key.status()).isEqualTo(ApiKey.Status.ARCHIVED);
    }

    @Test
    void whenAKeyHasExpiredThenItCanOnlyBeArchivedAndExpiredIsNoStatusToSet() {
        ApiKey key = key(NOW.minus(1, ChronoUnit.DAYS));
        assertThat(key.status(NOW)).isEqualTo(ApiKey.Status.EXPIRED);
        assertThatThrownBy(() -> key.change(null, ApiKey.Status.ACTIVE, NOW)).isInstanceOf(DomainException.class);
        assertThatThrownBy(() -> key(null).change(null, ApiKey.Status.EXPIRED, NOW)).isInstanceOfSatisfying(DomainException.class,
                refused -> assertThat(refused.errorCode()).isEqualTo(ErrorCode.INVALID_STATUS));
        key.change(null, ApiKey.Status.ARCHIVED, NOW);
        assertThat(key.status(NOW)).isEqualTo(ApiKey.Status.ARCHIVED);
    }

    @Test
    void whenTheWorkspaceIsArchivedThenItsKeysAreReadOnly() {
        ApiKey key = key(null);
        key.workspace().archive(NOW);
        assertThatThrownBy(() -> key.change("x", null, NOW)).isInstanceOfSatisfying(DomainException.class,
                refused -> assertThat(refused.errorCode()).isEqualTo(ErrorCode.WORKSPACE_ARCHIVED));
    }
}

package dev.accessconsole.domain.infrastructure.authz;

import dev.accessconsole.authz.api.MemberStanding;
import dev.accessconsole.authz.api.UserRef;
import dev.accessconsole.authz.api.WorkspaceStanding;
import dev.accessconsole.authz.spi.AccessLookup;
import dev.accessconsole.domain.model.ScimToken;
import dev.accessconsole.domain.model.Secrets;
import jakarta.inject.Inject;

import java.util.List;
import java.util.Optional;

/**
 * The authz SPI over JPA. Standings come from {@link StandingCache} (one cache lookup once warm; exact invalidation),
 * loaded on a miss by {@link StandingLoader}; so are a workspace's facts and an API key's workspace.
 */
@Direct
public class JpaAccessLookup implements AccessLookup {

    @Inject
    StandingCache standings;

    @Inject
    StandingLoader loader;

    @Override
    public Optional<MemberStanding> memberStanding(UserRef user, String organizationId) {
        if (user.issuer() == null || user.subject() == null || organizationId == null) {
            return Optional.empty();
        }
        return standings.get(new StandingCache.UserKey(user.issuer(), user.subject(), organizationId),
                () -> loader.memberStanding(user, organizationId));
    }

    @Override
    public Optional<MemberStanding> adminKeyStanding(String secret) {
        if (secret == null || !secret.startsWith(Secrets.ADMIN_KEY_PREFIX) || secret.length() > 256) {
            return Optional.empty();
        }
        String hash = Secrets.hash(secret);
        return standings.get(new StandingCache.AdminKeyKey(hash), () -> loader.adminKeyStanding(hash));
    }

    @Override
    public Optional<MemberStanding> provisioningStanding(String secret) {
        if (secret == null || !secret.startsWith(ScimToken.PREFIX) || secret.length() > 256) {
            return Optional.empty();
        }
        String hash = Secrets.hash(secret);
        return standings.get(new StandingCache.ProvisioningKey(hash), () -> loader.provisioningStanding(hash));
    }

    @Override
    public Optional<String> signInOrganization(UserRef user) {
        if (user.issuer() == null || user.subject() == null) {
            return Optional.empty();
        }
        return loader.signInOrganization(user);
    }

    @Override
    public List<String> organizationsOf(UserRef user, int limit) {
        if (user.issuer() == null || user.subject() == null) {
            return List.of();
        }
        List<String> all = standings.<List<String>>get(new StandingCache.UserKey(user.issuer(), user.subject(), null), () -> {
            List<String> organizations = loader.organizationsOf(user);
            return organizations.isEmpty() ? Optional.empty() : Optional.of(organizations);
        }).orElse(List.of());
        return all.size() <= limit ? all : all.subList(0, limit);
    }

    @Override
    public Optional<WorkspaceStanding> workspace(String organizationId, String workspaceId) {
        if (organizationId == null || workspaceId == null) {
            return Optional.empty();
        }
        return standings.get(new StandingCache.WorkspaceKey(organizationId, workspaceId), () -> loader.workspace(organizationId, workspaceId));
    }

    @Override
    public Optional<String> workspaceOf(String resourceType, String resourceId, String organizationId) {
        if (!"api_key".equals(resourceType)) {
            throw new IllegalArgumentException("unknown resource type " + resourceType);
        }
        if (resourceId == null || organizationId == null) {
            return Optional.empty();
        }
        return standings.get(new StandingCache.ApiKeyWorkspaceKey(resourceId), () -> loader.apiKeyWorkspace(resourceId))
                .filter(found -> organizationId.equals(found[0]))
                .map(found -> found[1]);
    }
}

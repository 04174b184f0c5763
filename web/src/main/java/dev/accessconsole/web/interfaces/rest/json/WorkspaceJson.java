package dev.accessconsole.web.interfaces.rest.json;

import dev.accessconsole.domain.model.Workspace;

import java.time.Instant;
import java.util.Map;

/** A workspace in the Admin API's shape. Data residency is fixed here: US storage, unrestricted inference. */
public record WorkspaceJson(String id, String type, String name, Instant createdAt, Instant archivedAt, String displayColor,
                            Map<String, String> tags, DataResidency dataResidency, String compartmentId) {

    public record DataResidency(String workspaceGeo, String allowedInferenceGeos, String defaultInferenceGeo) {
    }

    private static final DataResidency RESIDENCY = new DataResidency("us", "unrestricted", "global");

    public static WorkspaceJson of(Workspace workspace) {
        return new WorkspaceJson(workspace.id(), "workspace", workspace.name(), workspace.createdAt(), workspace.archivedAt(),
                workspace.displayColor() == null ? "#6C5BB9" : workspace.displayColor(), Map.of(), RESIDENCY,
                workspace.organizationId());
    }
}

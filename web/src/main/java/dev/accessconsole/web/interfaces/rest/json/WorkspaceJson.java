package dev.accessconsole.web.interfaces.rest.json;

import dev.accessconsole.domain.model.Workspace;

import java.time.Instant;
import java.util.Map;

/** A workspace in the Admin API's shape. */
public record WorkspaceJson(String id, String type, String name, Instant createdAt, Instant archivedAt, String displayColor,
                            Map<String, String> tags, DataResidency dataResidency, String compartmentId, String externalKeyId) {

    /** allowedInferenceGeos: "unrestricted" or the list of geos. */
    public record DataResidency(String workspaceGeo, Object allowedInferenceGeos, String defaultInferenceGeo) {
    }

    public static WorkspaceJson of(Workspace workspace) {
        Workspace.DataResidency residency = workspace.dataResidency();
        return new WorkspaceJson(workspace.id(), "workspace", workspace.name(), workspace.createdAt(), workspace.archivedAt(),
                workspace.displayColor() == null ? "#6C5BB9" : workspace.displayColor(), workspace.tags(),
                new DataResidency(residency.workspaceGeo(), residency.unrestricted() ? "unrestricted" : residency.allowed(),
                        residency.defaultInferenceGeo()),
                workspace.organizationId(), workspace.externalKeyId());
    }
}

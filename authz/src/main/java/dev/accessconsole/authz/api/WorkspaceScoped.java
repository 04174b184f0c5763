package dev.accessconsole.authz.api;

/**
 * A request body that names its workspace: a {@link WorkspaceId} parameter of this type is decided in
 * {@link #workspaceId()} (null: the Default workspace).
 */
public interface WorkspaceScoped {

    String workspaceId();
}

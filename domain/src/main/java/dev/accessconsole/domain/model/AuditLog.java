package dev.accessconsole.domain.model;

/** Records what happened, in the transaction of the change it describes. */
public interface AuditLog {

    void record(String organizationId, Actor actor, String action, String targetType, String targetId, String details);
}

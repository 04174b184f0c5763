package dev.accessconsole.domain.model;

/** Records what happened, in the transaction of the change it describes. */
public interface AuditLog {

    void record(String organizationId, Actor actor, String action, String targetType, String targetId, String details);

    /** Records a refusal a rule of the product decided (outcome {@code denied}), in a transaction of its own. */
    void recordRefusal(String organizationId, Actor actor, String action, String targetType, String targetId, String details);
}

package dev.accessconsole.domain.model;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;

/** A saved Workbench prompt of a workspace. {@code messages} is the JSON array as the caller sent it. */
@Entity
@Table(name = "prompts")
public class Prompt {

    @Id
    @Column(length = 40)
    private String id;

    @Column(name = "workspace_id", nullable = false, length = 40)
    private String workspaceId;

    @Column(nullable = false)
    private String name;

    @Column(nullable = false, length = 100)
    private String model;

    @Column(name = "system_prompt", length = 32000)
    private String systemPrompt;

    @Column(nullable = false, length = 200000)
    private String messages;

    @Column(name = "created_by", nullable = false, length = 40)
    private String createdBy;

    @Column(name = "created_at", nullable = false)
    private Instant createdAt;

    @Column(name = "updated_at", nullable = false)
    private Instant updatedAt;

    protected Prompt() {
    }

    public Prompt(String workspaceId, String name, String model, String systemPrompt, String messages, String createdBy, Instant now) {
        this.id = "prompt_" + Ids.next();
        this.workspaceId = workspaceId;
        this.createdBy = createdBy;
        this.createdAt = now;
        update(name, model, systemPrompt, messages, now);
    }

    /** Applies the values; the update time moves only when something changed. */
    public void update(String name, String model, String systemPrompt, String messages, Instant now) {
        boolean changed = updatedAt == null || !java.util.Objects.equals(this.name, name) || !java.util.Objects.equals(this.model, model)
                || !java.util.Objects.equals(this.systemPrompt, systemPrompt) || !java.util.Objects.equals(this.messages, messages);
        if (!changed) {
            return;
        }
        this.name = name;
        this.model = model;
        this.systemPrompt = systemPrompt;
        this.messages = messages;
        this.updatedAt = now;
    }

    public String id() { return id; }
    public String workspaceId() { return workspaceId; }
    public String name() { return name; }
    public String model() { return model; }
    public String systemPrompt() { return systemPrompt; }
    public String messages() { return messages; }
    public String createdBy() { return createdBy; }
    public Instant createdAt() { return createdAt; }
    public Instant updatedAt() { return updatedAt; }
}

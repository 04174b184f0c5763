package dev.accessconsole.domain.application;

import dev.accessconsole.domain.model.JsonBuilders;
import dev.accessconsole.domain.model.ErrorCode;
import dev.accessconsole.domain.model.Actor;
import dev.accessconsole.domain.model.AuditLog;
import dev.accessconsole.domain.model.Cursor;
import dev.accessconsole.domain.model.DomainException;
import dev.accessconsole.domain.model.Page;
import dev.accessconsole.domain.model.PageRequest;
import dev.accessconsole.domain.model.Prompt;
import dev.accessconsole.domain.model.Time;
import dev.accessconsole.domain.model.Workspace;
import dev.accessconsole.domain.model.WorkspaceRepository;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonArray;
import jakarta.json.JsonValue;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;

/** Saved Workbench prompts of a workspace. */
@ApplicationScoped
public class PromptService {

    public record Draft(String name, String model, String system, JsonArray messages) {
    }

    @Inject
    WorkspaceRepository workspaces;

    @Inject
    AuditLog audit;

    @PersistenceContext(unitName = "access-console")
    EntityManager em;

    @Transactional
    public Prompt create(Actor actor, String organizationId, String workspaceId, Draft draft) {
        Workspace workspace = changeable(organizationId, workspaceId);
        Prompt prompt = new Prompt(workspace.id(), Names.require("name", draft.name(), 255), Names.require("model", draft.model(), 100),
                system(draft.system()), messages(draft.messages()), actor.id(), Time.now());
        em.persist(prompt);
        audit.record(organizationId, actor, "prompt.create", "prompt", prompt.id(), JsonBuilders.object().add("workspace_id", workspace.id()).build().toString());
        return prompt;
    }

    @Transactional
    public Page<Prompt> list(String organizationId, String workspaceId, PageRequest page) {
        Workspace workspace = workspace(organizationId, workspaceId);
        String jpql = Cursor.jpql("select p from Prompt p where p.workspaceId = :ws", "p.id", page);
        return Cursor.fetch(em.createQuery(jpql, Prompt.class).setParameter("ws", workspace.id()), page);
    }

    @Transactional
    public Prompt get(String organizationId, String workspaceId, String promptId) {
        Workspace workspace = workspace(organizationId, workspaceId);
        return em.createQuery("select p from Prompt p where p.id = :id and p.workspaceId = :ws", Prompt.class)
                .setParameter("id", promptId).setParameter("ws", workspace.id())
                .getResultStream().findFirst().orElseThrow(() -> DomainException.notFound("prompt"));
    }

    @Transactional
    public Prompt update(Actor actor, String organizationId, String workspaceId, String promptId, Draft draft) {
        Prompt prompt = get(organizationId, workspaceId, promptId);
        changeable(organizationId, workspaceId);
        prompt.update(draft.name() == null ? prompt.name() : Names.require("name", draft.name(), 255),
                draft.model() == null ? prompt.model() : Names.require("model", draft.model(), 100),
                draft.system() == null ? prompt.systemPrompt() : system(draft.system()),
                draft.messages() == null ? prompt.messages() : messages(draft.messages()), Time.now());
        audit.record(organizationId, actor, "prompt.update", "prompt", promptId, null);
        return prompt;
    }

    @Transactional
    public void delete(Actor actor, String organizationId, String workspaceId, String promptId) {
        Prompt prompt = get(organizationId, workspaceId, promptId);
        changeable(organizationId, workspaceId);
        em.remove(prompt);
        audit.record(organizationId, actor, "prompt.delete", "prompt", promptId, null);
    }

    /** A workspace whose prompts may change: archived workspaces are read-only (roles.md), every write refused alike. */
    private Workspace changeable(String organizationId, String workspaceId) {
        Workspace workspace = workspace(organizationId, workspaceId);
        if (workspace.archived()) {
            throw DomainException.invalid(ErrorCode.WORKSPACE_ARCHIVED, "An archived workspace cannot be changed.");
        }
        return workspace;
    }

    private Workspace workspace(String organizationId, String workspaceId) {
        return workspaces.findOrDefault(organizationId, workspaceId)
                .orElseThrow(() -> DomainException.notFound("workspace"));
    }

    private static String system(String system) {
        if (system != null && system.length() > 32000) {
            throw DomainException.invalid(ErrorCode.INVALID_SYSTEM, "system must be at most 32000 characters.");
        }
        return system;
    }

    /** Messages as the Messages API has them: role user/assistant, content a string or an array of blocks. */
    private static String messages(JsonArray messages) {
        if (messages == null) {
            return "[]";
        }
        for (JsonValue value : messages) {
            if (value.getValueType() != JsonValue.ValueType.OBJECT) {
                throw DomainException.invalid(ErrorCode.INVALID_MESSAGES, "messages must be objects with role and content.");
            }
            var message = value.asJsonObject();
            var role = message.get("role");
            if (role == null || role.getValueType() != JsonValue.ValueType.STRING
                    || !(message.getString("role").equals("user") || message.getString("role").equals("assistant"))
                    || !message.containsKey("content")) {
                throw DomainException.invalid(ErrorCode.INVALID_MESSAGES, "each message needs role user or assistant, and content.");
            }
        }
        String text = messages.toString();
        if (text.length() > 200000) {
            throw DomainException.invalid(ErrorCode.INVALID_MESSAGES, "messages are too long.");
        }
        return text;
    }
}

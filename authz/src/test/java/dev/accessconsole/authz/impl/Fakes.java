package dev.accessconsole.authz.impl;

import dev.accessconsole.authz.api.AccessRefused;
import dev.accessconsole.authz.api.MemberStanding;
import dev.accessconsole.authz.api.UserRef;
import dev.accessconsole.authz.api.WorkspaceStanding;
import dev.accessconsole.authz.spi.AccessLookup;
import jakarta.enterprise.event.Event;
import jakarta.enterprise.event.NotificationOptions;
import jakarta.enterprise.util.TypeLiteral;
import jakarta.interceptor.InvocationContext;
import org.eclipse.microprofile.jwt.JsonWebToken;

import java.lang.annotation.Annotation;
import java.lang.reflect.Constructor;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletionStage;

/** Container-free stand-ins for what CDI and MicroProfile JWT give the guard: a token, headers, a lookup, an event. */
final class Fakes {

    private Fakes() {
    }

    /** The guard and its request context wired by hand. */
    static final class World {
        final FakeLookup lookup = new FakeLookup();
        final List<AccessRefused> published = new ArrayList<>();
        final List<dev.accessconsole.authz.api.AccessDecided> decided = new ArrayList<>();
        final FakeTokens tokens = new FakeTokens();
        final FakeCredentials credentials = new FakeCredentials();
        final AccessGuard guard = new AccessGuard();
        final RequestAccessContext context = new RequestAccessContext();
        final AccessEnforcement enforcement = new AccessEnforcement();

        World() {
            guard.tokens = tokens;
            guard.credentials = credentials;
            guard.lookup = lookup;
            guard.context = context;
            guard.refusals = new RecordingEvent<>(published);
            context.guard = guard;
            context.fixed = new RequestState();
            enforcement.guard = guard;
            enforcement.decisions = new RecordingEvent<>(decided);
        }

        /** A new request: the request-scoped context starts empty. */
        World nextRequest() {
            World next = new World();
            next.lookup.members.putAll(lookup.members);
            next.lookup.workspaces.putAll(lookup.workspaces);
            next.lookup.resources.putAll(lookup.resources);
            next.lookup.adminKeys.putAll(lookup.adminKeys);
            next.lookup.provisioning.putAll(lookup.provisioning);
            next.lookup.signInOrganizations.putAll(lookup.signInOrganizations);
            return next;
        }

        Object call(Object target, String methodName, Object... arguments) throws Exception {
            Method method = null;
            for (Class<?> type = target.getClass(); method == null && type != Object.class; type = type.getSuperclass()) {
                for (Method candidate : type.getDeclaredMethods()) {
                    if (candidate.getName().equals(methodName)) {
                        method = candidate;
                    }
                }
            }
            return enforcement.around(new FakeInvocation(target, method, arguments));
        }
    }

    static final class FakeTokens extends RequestCallerTokens {
        JsonWebToken token;

        @Override
        Optional<JsonWebToken> token() {
            return Optional.ofNullable(token);
        }
    }

    static final class FakeCredentials extends RequestCredentials {
        String apiKey;
        String organizationId;

        @Override
        String apiKey() {
            return apiKey;
        }

        @Override
        String organizationId() {
            return organizationId;
        }
    }

    static final class FakeLookup implements AccessLookup {
        final Map<String, MemberStanding> members = new HashMap<>();       // issuer|subject|org → standing
        final Map<String, WorkspaceStanding> workspaces = new HashMap<>(); // org|id → workspace
        final Map<String, String> resources = new HashMap<>();             // org|type|id → workspace id
        final Map<String, MemberStanding> adminKeys = new HashMap<>();
        int standingLoads;

        @Override
        public Optional<MemberStanding> memberStanding(UserRef user, String organizationId) {
            standingLoads++;
            return Optional.ofNullable(members.get(user.issuer() + "|" + user.subject() + "|" + organizationId));
        }

        @Override
        public Optional<MemberStanding> adminKeyStanding(String secret) {
            standingLoads++;
            return Optional.ofNullable(adminKeys.get(secret));
        }

        @Override
        public Optional<WorkspaceStanding> workspace(String organizationId, String workspaceId) {
            return Optional.ofNullable(workspaces.get(organizationId + "|" + workspaceId));
        }

        @Override
        public Optional<String> workspaceOf(String resourceType, String resourceId, String organizationId) {
            return Optional.ofNullable(resources.get(organizationId + "|" + resourceType + "|" + resourceId));
        }

        final Map<String, MemberStanding> provisioning = new HashMap<>();
        final Map<String, String> signInOrganizations = new HashMap<>(); // issuer|subject → organization

        @Override
        public Optional<MemberStanding> provisioningStanding(String secret) {
            standingLoads++;
            return Optional.ofNullable(provisioning.get(secret));
        }

        @Override
        public Optional<String> signInOrganization(UserRef user) {
            return Optional.ofNullable(signInOrganizations.get(user.issuer() + "|" + user.subject()));
        }

        @Override
        public List<String> organizationsOf(UserRef user, int limit) {
            return members.keySet().stream().filter(k -> k.startsWith(user.issuer() + "|" + user.subject() + "|"))
                    .map(k -> k.substring(k.lastIndexOf('|') + 1)).limit(limit).toList();
        }
    }

    static final class RecordingEvent<T> implements Event<T> {
        private final List<T> published;

        RecordingEvent(List<T> published) {
            this.published = published;
        }

        @Override
        public void fire(T event) {
            published.add(event);
        }

        @Override
        public <U extends T> CompletionStage<U> fireAsync(U event) {
            throw new UnsupportedOperationException();
        }

        @Override
        public <U extends T> CompletionStage<U> fireAsync(U event, NotificationOptions options) {
            throw new UnsupportedOperationException();
        }

        @Override
        public Event<T> select(Annotation... qualifiers) {
            return this;
        }

        @Override
        public <U extends T> Event<U> select(Class<U> subtype, Annotation... qualifiers) {
            throw new UnsupportedOperationException();
        }

        @Override
        public <U extends T> Event<U> select(TypeLiteral<U> subtype, Annotation... qualifiers) {
            throw new UnsupportedOperationException();
        }
    }

    /** A token with a subject, an issuer and groups; nothing else is read by the guard. */
    static JsonWebToken token(String subject, String... groups) {
        return new JsonWebToken() {
            @Override
            public String getName() {
                return subject;
            }

            @Override
            public Set<String> getClaimNames() {
                return Set.of("sub", "iss", "groups");
            }

            @Override
            @SuppressWarnings("unchecked")
            public <T> T getClaim(String claimName) {
                return switch (claimName) {
                    case "sub" -> (T) subject;
                    case "iss" -> (T) "https://issuer.test";
                    case "groups" -> (T) Set.of(groups);
                    default -> null;
                };
            }
        };
    }

    static final class FakeInvocation implements InvocationContext {
        private final Object target;
        private final Method method;
        private final Object[] parameters;
        private final Map<String, Object> data = new HashMap<>();
        int proceeded;

        FakeInvocation(Object target, Method method, Object[] parameters) {
            this.target = target;
            this.method = method;
            this.parameters = parameters;
        }

        @Override
        public Object getTarget() {
            return target;
        }

        @Override
        public Object getTimer() {
            return null;
        }

        @Override
        public Method getMethod() {
            return method;
        }

        @Override
        public Constructor<?> getConstructor() {
            return null;
        }

        @Override
        public Object[] getParameters() {
            return parameters;
        }

        @Override
        public void setParameters(Object[] params) {
            throw new UnsupportedOperationException();
        }

        @Override
        public Map<String, Object> getContextData() {
            return data;
        }

        @Override
        public Object proceed() throws Exception {
            proceeded++;
            method.setAccessible(true);
            try {
                return method.invoke(target, parameters);
            } catch (java.lang.reflect.InvocationTargetException thrown) {
                if (thrown.getCause() instanceof Exception exception) {
                    throw exception;
                }
                throw thrown;
            }
        }
    }
}

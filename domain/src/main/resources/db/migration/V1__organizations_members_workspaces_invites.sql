-- Portable between H2 (2.x) and PostgreSQL: the same migrations run on both.

create table organizations (
    id                    varchar(36)  not null primary key,
    name                  varchar(255) not null,
    created_at            timestamp(6) with time zone not null,
    primary_billing_email varchar(320)
);

create table users (
    id         varchar(40)  not null primary key,
    issuer     varchar(512) not null,
    subject    varchar(255) not null,
    email      varchar(320),
    name       varchar(255),
    created_at timestamp(6) with time zone not null,
    constraint uq_users_identity unique (issuer, subject)
);
create index ix_users_email on users (email);

create table organization_members (
    id              varchar(40) not null primary key,
    organization_id varchar(36) not null references organizations (id),
    user_id         varchar(40) not null references users (id),
    role            varchar(32) not null,
    added_at        timestamp(6) with time zone not null,
    constraint uq_org_members unique (organization_id, user_id)
);
create index ix_org_members_user on organization_members (user_id);
create index ix_org_members_role on organization_members (organization_id, role);

create table workspaces (
    id              varchar(40)  not null primary key,
    organization_id varchar(36)  not null references organizations (id),
    name            varchar(255) not null,
    kind            varchar(16)  not null,
    display_color   varchar(16),
    created_at      timestamp(6) with time zone not null,
    archived_at     timestamp(6) with time zone
);
create index ix_workspaces_org on workspaces (organization_id, id);

create table workspace_members (
    id           varchar(40) not null primary key,
    workspace_id varchar(40) not null references workspaces (id),
    user_id      varchar(40) not null references users (id),
    role         varchar(32) not null,
    added_at     timestamp(6) with time zone not null,
    constraint uq_workspace_members unique (workspace_id, user_id)
);
create index ix_workspace_members_user on workspace_members (user_id);

create table invites (
    id              varchar(40)  not null primary key,
    organization_id varchar(36)  not null references organizations (id),
    email           varchar(320) not null,
    role            varchar(32)  not null,
    status          varchar(16)  not null,
    invited_at      timestamp(6) with time zone not null,
    expires_at      timestamp(6) with time zone not null,
    accepted_at     timestamp(6) with time zone,
    invited_by      varchar(40)
);
create index ix_invites_org on invites (organization_id, id);
create index ix_invites_email on invites (email);

create table audit_events (
    id              varchar(40) not null primary key,
    organization_id varchar(36),
    actor_kind      varchar(16) not null,
    actor_id        varchar(64),
    action          varchar(64) not null,
    target_type     varchar(32),
    target_id       varchar(64),
    outcome         varchar(16) not null,
    details         varchar(4000),
    request_id      varchar(64),
    occurred_at     timestamp(6) with time zone not null
);
create index ix_audit_events_org on audit_events (organization_id, id);

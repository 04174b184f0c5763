-- API keys live in a workspace (the Default workspace's own id for keys there); secrets are stored only as
-- SHA-256 hashes. A key bound to a member (Claude Code) stops working when the member leaves.
create table api_keys (
    id               varchar(40)  not null primary key,
    organization_id  varchar(36)  not null references organizations (id),
    workspace_id     varchar(40)  not null references workspaces (id),
    name             varchar(500) not null,
    secret_hash      varchar(64)  not null,
    partial_key_hint varchar(64)  not null,
    status           varchar(16)  not null,
    created_at       timestamp(6) with time zone not null,
    created_by_id    varchar(40)  not null,
    created_by_type  varchar(16)  not null,
    bound_user_id    varchar(40),
    expires_at       timestamp(6) with time zone,
    constraint uq_api_keys_secret unique (secret_hash)
);
create index ix_api_keys_org on api_keys (organization_id, id);
create index ix_api_keys_workspace on api_keys (workspace_id);
create index ix_api_keys_bound_user on api_keys (bound_user_id);

create table admin_api_keys (
    id               varchar(40)  not null primary key,
    organization_id  varchar(36)  not null references organizations (id),
    name             varchar(500) not null,
    secret_hash      varchar(64)  not null,
    partial_key_hint varchar(64)  not null,
    status           varchar(16)  not null,
    created_at       timestamp(6) with time zone not null,
    created_by_id    varchar(40)  not null,
    revoked_at       timestamp(6) with time zone,
    constraint uq_admin_api_keys_secret unique (secret_hash)
);
create index ix_admin_api_keys_org on admin_api_keys (organization_id, id);

-- workspace member targets are "wrkspc_…/user_…"
alter table audit_events alter column target_id set data type varchar(128);

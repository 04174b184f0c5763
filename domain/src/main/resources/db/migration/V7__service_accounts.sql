-- Service accounts: non-human principals of one organization (org role developer or admin), with explicit workspace
-- memberships like a person's (the Default workspace's is implicit) and API keys of their own. Archiving is final.
create table service_accounts (
    id                  varchar(40)   not null primary key,
    organization_id     varchar(36)   not null references organizations (id),
    name                varchar(255)  not null,
    description         varchar(1000),
    organization_role   varchar(32)   not null,
    created_at          timestamp(6) with time zone not null,
    created_by_actor_id varchar(64),
    updated_at          timestamp(6) with time zone not null,
    updated_by_actor_id varchar(64),
    archived_at         timestamp(6) with time zone,
    archived_by_actor_id varchar(64)
);
create index ix_service_accounts_org on service_accounts (organization_id, id);

create table service_account_workspaces (
    service_account_id  varchar(40)  not null references service_accounts (id),
    workspace_id        varchar(40)  not null references workspaces (id),
    workspace_role      varchar(32)  not null,
    created_at          timestamp(6) with time zone not null,
    created_by_actor_id varchar(64),
    primary key (service_account_id, workspace_id)
);
create index ix_service_account_workspaces_ws on service_account_workspaces (workspace_id, service_account_id);

-- a key of a service account acts for it: it verifies while the account may use the key's workspace
alter table api_keys add column service_account_id varchar(40);
create index ix_api_keys_service_account on api_keys (service_account_id);

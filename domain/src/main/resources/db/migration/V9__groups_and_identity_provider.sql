-- Groups, roles as ids, and the identity provider (roles.md, "Groups and the identity provider").

-- whether the stored email came from a verified claim (or from the organization's identity provider): only such an email
-- binds a person to what was provisioned for it
alter table users add column email_verified boolean default false not null;

-- per membership: suspended by the identity provider (SCIM active:false), sessions ended before (sign-out: tokens issued
-- at or before this epoch second are refused in the organization), how the person joined, and the SCIM attributes the
-- identity provider keeps for them
alter table organization_members add column suspended_at timestamp(6) with time zone;
alter table organization_members add column sessions_not_before bigint default 0 not null;
alter table organization_members add column joined_by varchar(16);
alter table organization_members add column external_id varchar(255);
alter table organization_members add column given_name varchar(255);
alter table organization_members add column family_name varchar(255);
alter table organization_members add column display_name varchar(255);
alter table organization_members add column updated_at timestamp(6) with time zone;
create index ix_org_members_external_id on organization_members (organization_id, external_id);

create table rbac_groups (
    id              varchar(40)  not null primary key,
    organization_id varchar(36)  not null references organizations (id),
    name            varchar(255) not null,
    -- the name as names compare (ASCII letters in lower case): unique per organization
    name_key        varchar(255) not null,
    source_type     varchar(16)  not null,
    external_id     varchar(255),
    created_at      timestamp(6) with time zone not null,
    updated_at      timestamp(6) with time zone not null,
    constraint uq_rbac_groups_name unique (organization_id, name_key)
);
create index ix_rbac_groups_org on rbac_groups (organization_id, id);

create table rbac_group_roles (
    group_id varchar(40) not null references rbac_groups (id),
    role_id  varchar(64) not null,
    primary key (group_id, role_id)
);
create index ix_rbac_group_roles_role on rbac_group_roles (role_id, group_id);

create table rbac_group_members (
    group_id        varchar(40) not null references rbac_groups (id),
    user_id         varchar(40) not null references users (id),
    organization_id varchar(36) not null,
    created_at      timestamp(6) with time zone not null,
    primary key (group_id, user_id)
);
create index ix_rbac_group_members_user on rbac_group_members (user_id, organization_id);

-- an organization's SCIM tokens: only the secret's SHA-256 is kept
create table scim_tokens (
    id               varchar(40)  not null primary key,
    organization_id  varchar(36)  not null references organizations (id),
    name             varchar(255) not null,
    secret_hash      varchar(64)  not null,
    partial_key_hint varchar(64)  not null,
    created_at       timestamp(6) with time zone not null,
    created_by       varchar(64),
    revoked_at       timestamp(6) with time zone,
    last_used_at     timestamp(6) with time zone,
    constraint uq_scim_tokens_secret unique (secret_hash)
);
create index ix_scim_tokens_org on scim_tokens (organization_id, id);

-- sign-in provisioning: the issuer whose people join, the default role, the claim naming their groups
create table sign_in_settings (
    organization_id varchar(36)  not null primary key references organizations (id),
    issuer          varchar(512) not null,
    default_role    varchar(32)  not null,
    groups_claim    varchar(255) not null,
    updated_at      timestamp(6) with time zone not null
);

-- the email domains an organization owns: each belongs to at most one organization
create table sign_in_domains (
    domain          varchar(255) not null primary key,
    organization_id varchar(36)  not null references organizations (id)
);
create index ix_sign_in_domains_org on sign_in_domains (organization_id);

-- an invite may name direct groups the invitee joins on acceptance (the official invite's rbac_group_ids)
alter table invites add column rbac_group_ids varchar(4000);

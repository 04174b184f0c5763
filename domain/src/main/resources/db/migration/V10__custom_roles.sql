-- Custom roles (roles.md, "Custom roles and permissions of other modules"): an organization's own roles, a display name
-- and permissions from the catalog, carried by groups (rbac_group_roles.role_id holds their ids as it holds built-in ones).

create table custom_roles (
    id              varchar(40)  not null primary key,
    organization_id varchar(36)  not null references organizations (id),
    display_name    varchar(255) not null,
    -- the name as names compare (ASCII letters in lower case): unique per organization
    name_key        varchar(255) not null,
    created_at      timestamp(6) with time zone not null,
    updated_at      timestamp(6) with time zone not null,
    constraint uq_custom_roles_name unique (organization_id, name_key)
);
create index ix_custom_roles_org on custom_roles (organization_id, id);

create table custom_role_permissions (
    role_id    varchar(40)  not null references custom_roles (id),
    permission varchar(100) not null,
    primary key (role_id, permission)
);

-- Workload identity federation (roles.md, "Keyless workloads and spend limits"): an organization's trusted token issuers,
-- the rules that map their tokens to a service account, the jti values seen (replay), and the access tokens exchanged
-- (their hashes only: the gateway looks a token up in the database, so an archive ends it on every node at once).

create table federation_issuers (
    id                       varchar(40)   not null primary key,
    organization_id          varchar(36)   not null references organizations (id),
    name                     varchar(255)  not null,
    issuer_url               varchar(2000) not null,
    -- discovery, explicit_url or inline, and that kind's fields as the API writes them (JSON)
    jwks_type                varchar(20)   not null,
    jwks_json                text          not null,
    check_jti                boolean       not null,
    max_jwt_lifetime_seconds bigint        not null,
    jwks_polling_disabled_at timestamp(6) with time zone,
    poll_failures            integer       not null default 0,
    last_fetched_at          timestamp(6) with time zone,
    next_poll_at             timestamp(6) with time zone,
    created_at               timestamp(6) with time zone not null,
    created_by_actor_id      varchar(64),
    updated_at               timestamp(6) with time zone not null,
    updated_by_actor_id      varchar(64),
    archived_at              timestamp(6) with time zone,
    archived_by_actor_id     varchar(64)
);
create index ix_federation_issuers_org on federation_issuers (organization_id, id);
create index ix_federation_issuers_url on federation_issuers (issuer_url);

create table federation_rules (
    id                        varchar(40)   not null primary key,
    organization_id           varchar(36)   not null references organizations (id),
    issuer_id                 varchar(40)   not null references federation_issuers (id),
    name                      varchar(255)  not null,
    description               varchar(2000),
    audience                  varchar(2000),
    subject_prefix            varchar(2000),
    claims_json               text,
    condition_cel             varchar(4000),
    oauth_scope               varchar(255)  not null,
    service_account_id        varchar(40)   not null,
    token_lifetime_seconds    bigint        not null,
    applies_to_all_workspaces boolean       not null,
    attributes_json           text,
    created_at                timestamp(6) with time zone not null,
    created_by_actor_id      varchar(64),
    updated_at                timestamp(6) with time zone not null,
    updated_by_actor_id      varchar(64),
    archived_at               timestamp(6) with time zone,
    archived_by_actor_id     varchar(64)
);
create index ix_federation_rules_org on federation_rules (organization_id, id);
create index ix_federation_rules_issuer on federation_rules (issuer_id);

create table federation_rule_workspaces (
    rule_id      varchar(40) not null references federation_rules (id),
    workspace_id varchar(40) not null,
    created_at   timestamp(6) with time zone not null,
    created_by_actor_id      varchar(64),
    primary key (rule_id, workspace_id)
);

-- a jti seen from an issuer with check_jti, kept until the token it came with expires
create table federation_seen_jti (
    issuer_id  varchar(40)  not null,
    jti        varchar(255) not null,
    expires_at timestamp(6) with time zone not null,
    primary key (issuer_id, jti)
);

create table federation_tokens (
    id                 varchar(40)  not null primary key,
    secret_hash        varchar(64)  not null,
    organization_id    varchar(36)  not null,
    issuer_id          varchar(40)  not null,
    rule_id            varchar(40)  not null,
    service_account_id varchar(40)  not null,
    subject            varchar(255),
    created_at         timestamp(6) with time zone not null,
    expires_at         timestamp(6) with time zone not null,
    constraint uq_federation_tokens_secret unique (secret_hash)
);
create index ix_federation_tokens_rule on federation_tokens (rule_id);

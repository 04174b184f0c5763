-- Spend limits (roles.md, "Keyless workloads and spend limits"): one store for every spend cap, per organization,
-- workspace or user and per UTC day, ISO week or month. The workspace and organization monthly spend limits that lived
-- on their rows move here (the same objects), and those columns go, so there is one place a cap is read from.

create table spend_limits (
    id              varchar(40)  not null primary key,
    organization_id varchar(36)  not null references organizations (id),
    -- organization, workspace or user; scope_id is the organization's, workspace's or user's id
    scope_type      varchar(20)  not null,
    scope_id        varchar(40)  not null,
    period          varchar(10)  not null,
    -- US cents; null: no cap (the limit is kept but not enabled)
    amount_cents    bigint,
    created_at      timestamp(6) with time zone not null,
    updated_at      timestamp(6) with time zone not null,
    constraint uq_spend_limits_scope unique (organization_id, scope_type, scope_id, period),
    constraint ck_spend_limits_amount check (amount_cents is null or amount_cents >= 0)
);
create index ix_spend_limits_org on spend_limits (organization_id, id);

insert into spend_limits (id, organization_id, scope_type, scope_id, period, amount_cents, created_at, updated_at)
select 'splim_m' || substring(id, 8), organization_id, 'workspace', id, 'monthly', limit_monthly_spend_cents, created_at, created_at
from workspaces where limit_monthly_spend_cents is not null;

insert into spend_limits (id, organization_id, scope_type, scope_id, period, amount_cents, created_at, updated_at)
select 'splim_o' || replace(id, '-', ''), id, 'organization', id, 'monthly', limit_monthly_spend_cents, created_at, created_at
from organizations where limit_monthly_spend_cents is not null;

alter table workspaces drop column limit_monthly_spend_cents;
alter table organizations drop column limit_monthly_spend_cents;

-- A member's request for more (spend_limit_increase_requests): the limit that capped them when they asked, the spend
-- then, and how an admin resolved it.
create table spend_limit_increase_requests (
    id                      varchar(40)  not null primary key,
    organization_id         varchar(36)  not null references organizations (id),
    requester_id            varchar(40)  not null,
    spend_limit_id          varchar(40)  not null,
    period                  varchar(10)  not null,
    requested_amount_cents  bigint,
    reason                  varchar(1000),
    spend_cents             bigint       not null,
    status                  varchar(10)  not null,
    created_at              timestamp(6) with time zone not null,
    resolved_at             timestamp(6) with time zone,
    resolved_by_kind        varchar(20),
    resolved_by_id          varchar(40),
    approved_amount_cents   bigint
);
create index ix_spend_increase_org on spend_limit_increase_requests (organization_id, id);
create index ix_spend_increase_requester on spend_limit_increase_requests (organization_id, requester_id, id);

-- Organization limits (set by platform support) and billing details (edited by billing:manage; the primary and
-- contact billing emails only by support).
alter table organizations add column limit_monthly_spend_cents bigint;
alter table organizations add column limit_requests_per_minute bigint;
alter table organizations add column limit_input_tokens_per_minute bigint;
alter table organizations add column limit_output_tokens_per_minute bigint;
alter table organizations add column billing_company_name varchar(255);
alter table organizations add column billing_address_line1 varchar(255);
alter table organizations add column billing_address_line2 varchar(255);
alter table organizations add column billing_city varchar(255);
alter table organizations add column billing_state varchar(255);
alter table organizations add column billing_postal_code varchar(32);
alter table organizations add column billing_country varchar(2);
alter table organizations add column billing_tax_id varchar(64);
alter table organizations add column billing_contact_emails varchar(4000);

-- Workspace limits: at most the organization's; never on the Default workspace.
alter table workspaces add column limit_monthly_spend_cents bigint;
alter table workspaces add column limit_requests_per_minute bigint;
alter table workspaces add column limit_input_tokens_per_minute bigint;
alter table workspaces add column limit_output_tokens_per_minute bigint;

-- Saved Workbench prompts.
create table prompts (
    id            varchar(40)  not null primary key,
    workspace_id  varchar(40)  not null references workspaces (id),
    name          varchar(255) not null,
    model         varchar(100) not null,
    system_prompt varchar(32000),
    messages      varchar(200000) not null,
    created_by    varchar(40)  not null,
    created_at    timestamp(6) with time zone not null,
    updated_at    timestamp(6) with time zone not null
);
create index ix_prompts_workspace on prompts (workspace_id, id);

-- Usage reported by the inference gateway; event_id makes a retried report count once.
create table usage_events (
    event_id        varchar(100) not null primary key,
    organization_id varchar(36)  not null,
    workspace_id    varchar(40)  not null,
    api_key_id      varchar(40)  not null,
    model           varchar(100) not null,
    input_tokens    bigint       not null,
    output_tokens   bigint       not null,
    occurred_at     timestamp(6) with time zone not null,
    epoch_minute    bigint       not null
);
create index ix_usage_events_org_time on usage_events (organization_id, epoch_minute);

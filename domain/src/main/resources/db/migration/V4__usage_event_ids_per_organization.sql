-- A gateway's event id is unique within its organization, not across organizations: another organization's event
-- with the same id is another event (issue: it was silently dropped as a duplicate).
create table usage_events_by_org (
    organization_id varchar(36)  not null,
    event_id        varchar(100) not null,
    workspace_id    varchar(40)  not null,
    api_key_id      varchar(40)  not null,
    model           varchar(100) not null,
    input_tokens    bigint       not null,
    output_tokens   bigint       not null,
    occurred_at     timestamp(6) with time zone not null,
    epoch_minute    bigint       not null,
    primary key (organization_id, event_id)
);
insert into usage_events_by_org (organization_id, event_id, workspace_id, api_key_id, model, input_tokens, output_tokens, occurred_at, epoch_minute)
    select organization_id, event_id, workspace_id, api_key_id, model, input_tokens, output_tokens, occurred_at, epoch_minute from usage_events;
drop table usage_events;
alter table usage_events_by_org rename to usage_events;
create index ix_usage_events_org_time on usage_events (organization_id, epoch_minute);

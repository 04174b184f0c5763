-- Daily sums of usage per organization, UTC day, workspace, key and model: what reports by day read, so that 30 days
-- of a busy organization are thousands of rows, not a million. Kept by the gateway's recording of each event, in the
-- same transaction; filled here from the events already recorded.
create table usage_daily (
    organization_id varchar(36)  not null,
    epoch_day       bigint       not null,
    workspace_id    varchar(40)  not null,
    api_key_id      varchar(40)  not null,
    model           varchar(100) not null,
    input_tokens    bigint       not null,
    output_tokens   bigint       not null,
    events          bigint       not null,
    primary key (organization_id, epoch_day, workspace_id, api_key_id, model)
);
insert into usage_daily (organization_id, epoch_day, workspace_id, api_key_id, model, input_tokens, output_tokens, events)
    select organization_id, epoch_minute / 1440, workspace_id, api_key_id, model, sum(input_tokens), sum(output_tokens), count(*)
    from usage_events
    group by organization_id, epoch_minute / 1440, workspace_id, api_key_id, model;

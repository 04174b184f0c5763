-- What the Admin API's usage report groups and filters by, and the token kinds it writes: each event now records its
-- service tier, context window, inference geo and speed, its cache and web search usage, and the user account or
-- service account behind its key (the key's bound member, or its service account; '' for neither). Events recorded
-- before this migration take the values a plain request has.
alter table usage_events add column service_tier varchar(20) default 'standard' not null;
alter table usage_events add column context_window varchar(10) default '0-200k' not null;
alter table usage_events add column inference_geo varchar(20) default 'not_available' not null;
alter table usage_events add column speed varchar(10) default 'standard' not null;
alter table usage_events add column cache_creation_1h_tokens bigint default 0 not null;
alter table usage_events add column cache_creation_5m_tokens bigint default 0 not null;
alter table usage_events add column cache_read_tokens bigint default 0 not null;
alter table usage_events add column web_search_requests bigint default 0 not null;
alter table usage_events add column account_id varchar(64) default '' not null;
alter table usage_events add column service_account_id varchar(40) default '' not null;
update usage_events set account_id = coalesce((select k.bound_user_id from api_keys k where k.id = usage_events.api_key_id), ''),
    service_account_id = coalesce((select k.service_account_id from api_keys k where k.id = usage_events.api_key_id), '');

-- the daily sums keyed by every dimension the report groups by, rebuilt from the events
drop table usage_daily;
create table usage_daily (
    organization_id          varchar(36)  not null,
    epoch_day                bigint       not null,
    workspace_id             varchar(40)  not null,
    api_key_id               varchar(40)  not null,
    model                    varchar(100) not null,
    service_tier             varchar(20)  not null,
    context_window           varchar(10)  not null,
    inference_geo            varchar(20)  not null,
    speed                    varchar(10)  not null,
    account_id               varchar(64)  not null,
    service_account_id       varchar(40)  not null,
    input_tokens             bigint       not null,
    output_tokens            bigint       not null,
    cache_creation_1h_tokens bigint       not null,
    cache_creation_5m_tokens bigint       not null,
    cache_read_tokens        bigint       not null,
    web_search_requests      bigint       not null,
    events                   bigint       not null,
    primary key (organization_id, epoch_day, workspace_id, api_key_id, model, service_tier, context_window, inference_geo,
                 speed, account_id, service_account_id)
);
insert into usage_daily (organization_id, epoch_day, workspace_id, api_key_id, model, service_tier, context_window, inference_geo,
                         speed, account_id, service_account_id, input_tokens, output_tokens, cache_creation_1h_tokens,
                         cache_creation_5m_tokens, cache_read_tokens, web_search_requests, events)
    select organization_id, epoch_minute / 1440, workspace_id, api_key_id, model, service_tier, context_window, inference_geo,
           speed, account_id, service_account_id, sum(input_tokens), sum(output_tokens), sum(cache_creation_1h_tokens),
           sum(cache_creation_5m_tokens), sum(cache_read_tokens), sum(web_search_requests), count(*)
    from usage_events
    group by organization_id, epoch_minute / 1440, workspace_id, api_key_id, model, service_tier, context_window, inference_geo,
             speed, account_id, service_account_id;

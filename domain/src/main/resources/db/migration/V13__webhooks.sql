-- The audit stream (issue 26): an organization's webhook endpoints (the official client's webhooks service) and the order
-- its audit events are delivered in. The audit event row is the outbox: it is written in the transaction of the change
-- it records, so an event exists exactly when its change does. A dispatcher (any live node, holding the organization's
-- stream lease) numbers the committed events of an organization that has endpoints in the order it finds them
-- (stream_seq), and delivers each endpoint's events in that order from its cursor (delivered_seq), at least once.

alter table audit_events add column stream_seq bigint;
create index ix_audit_events_stream on audit_events (organization_id, stream_seq);

create table webhook_streams (
    organization_id varchar(36)  not null primary key references organizations (id),
    -- the number the next event gets; events that occurred before started_at are never numbered
    next_seq        bigint       not null,
    started_at      timestamp(6) with time zone not null,
    -- the node delivering this organization's events, until when (another takes over once it lapses)
    lease_owner     varchar(128),
    lease_until     timestamp(6) with time zone
);

create table webhook_endpoints (
    id                varchar(40)   not null primary key,
    organization_id   varchar(36)   not null references organizations (id),
    url               varchar(2048) not null,
    name              varchar(255)  not null,
    description       varchar(2000) not null,
    enabled_events    varchar(2000) not null,
    state             varchar(16)   not null,
    disabled_reason   varchar(1000) not null,
    -- the signing secret, encrypted (AES-GCM) under the server's webhook key: it must be read back to sign
    secret_sealed     varchar(512)  not null,
    delivered_seq     bigint        not null,
    attempts          integer       not null default 0,
    failing_since     timestamp(6) with time zone,
    next_attempt_at   timestamp(6) with time zone,
    last_error        varchar(1000) not null default '',
    last_delivered_at timestamp(6) with time zone,
    delivered_count   bigint        not null default 0,
    created_at        timestamp(6) with time zone not null,
    updated_at        timestamp(6) with time zone not null
);
create index ix_webhook_endpoints_org on webhook_endpoints (organization_id, id);

-- the server's key for sealing signing secrets when ACCESSCONSOLE_WEBHOOK_KEY does not give one (one row, every node)
create table server_keys (
    name       varchar(64)  not null primary key,
    key_value  varchar(128) not null,
    created_at timestamp(6) with time zone not null
);

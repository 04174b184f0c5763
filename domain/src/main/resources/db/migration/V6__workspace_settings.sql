-- What the Admin API's workspace carries besides its name and colour: user-defined tags (a JSON object of strings),
-- data residency (where its data is stored, which inference geos it may use and which it uses by default) and the
-- customer-managed key it is encrypted with (write-once). Existing workspaces take the documented defaults.
alter table workspaces add column tags varchar(4000);
alter table workspaces add column workspace_geo varchar(16);
alter table workspaces add column allowed_inference_geos varchar(64);
alter table workspaces add column default_inference_geo varchar(16);
alter table workspaces add column external_key_id varchar(255);
update workspaces set workspace_geo = 'us', allowed_inference_geos = 'unrestricted', default_inference_geo = 'global';

-- The community search finds a service without a location in reach when its service area names the origin's ZIP
-- code: a GIN index on the active services' service-area ZIP codes serves that test.
create index community_service_area_idx on community_service using gin (service_area_zips) where status = 'ACTIVE';

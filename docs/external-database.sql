-- Prepares an external PostgreSQL (14 or newer) for Caremap. Run it once as a superuser:
--
--   psql -U postgres -v ON_ERROR_STOP=1 -f docs/external-database.sql
--
-- Replace both passwords first. Two roles: caremap_owner owns the schema and runs the migrations;
-- caremap_app is what the application connects as: not a superuser, not the owner, so it can read and write
-- rows but cannot alter tables, truncate them or switch triggers off (the audit trail relies on that).

create role caremap_owner with login nosuperuser nocreatedb nocreaterole password 'CHANGE-ME-owner-password';
create role caremap_app with login nosuperuser nocreatedb nocreaterole password 'CHANGE-ME-app-password';
create database caremap owner caremap_owner encoding 'UTF8' template template0;

\connect caremap

revoke all on database caremap from public;
grant connect on database caremap to caremap_app;
revoke create on schema public from public;
create schema caremap authorization caremap_owner;
grant usage on schema caremap to caremap_app;
-- extensions the migrations use (distance search, typo-tolerant names), earthdistance needs a superuser
create extension if not exists cube schema caremap;
create extension if not exists earthdistance schema caremap;
create extension if not exists pg_trgm schema caremap;

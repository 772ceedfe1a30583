-- hdb_catalog.hdb_role, from catalog 32 on: every role name that appears in a table permission or
-- in an action permission, once.
CREATE VIEW hdb_catalog.hdb_role AS
  SELECT DISTINCT roles.role_name
    FROM (SELECT tp.role_name FROM hdb_catalog.hdb_permission AS tp
          UNION ALL
          SELECT ap.role_name FROM hdb_catalog.hdb_action_permission AS ap) AS roles;

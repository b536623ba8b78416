MATCH (m:SchemaMigration)
RETURN max(m.version) AS version, count(m) AS applied

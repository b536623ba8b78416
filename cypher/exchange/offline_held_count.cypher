// How many nodes an offline import would delete: it replaces the whole database, so every
// node but the migration records (run again after it) counts, API tokens included.
MATCH (n)
  WHERE NOT n:SchemaMigration
RETURN count(n) AS n

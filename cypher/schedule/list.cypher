MATCH (s:Schedule)
WHERE $kind IS NULL OR s.kind = $kind
RETURN s {.*} AS schedule
ORDER BY s.name

MATCH (a:AuditEntry)
WHERE a.operation STARTS WITH $prefix
WITH coalesce(a.requestId, a.id) AS run, a
ORDER BY a.at, a.id
WITH run, collect(a {.id, .at, .actor, .operation, .after, .requestId, .tokenId}) AS entries
RETURN run, entries
ORDER BY entries[-1].at DESC, run DESC
LIMIT $limit

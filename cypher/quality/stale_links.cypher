// Discovered CONNECTED_TO links that are stale: flagged by a run that covered both ends
// without seeing them, or not confirmed since the earlier cut-off of their two ends'
// classes (confirmed: last seen, else created). Flagged first, then the oldest.
MATCH (a:CI)-[r:CONNECTED_TO]->(b:CI)
WHERE r.source IS NOT NULL
WITH a, b, r, coalesce(r.lastSeen, r.createdAt) AS confirmedAt
WHERE r.staleSince IS NOT NULL
   OR confirmedAt < $cutoffs[a.ciClass] OR confirmedAt < $cutoffs[b.ciClass]
RETURN a {.id, .name, .ciClass} AS fromCI, b {.id, .name, .ciClass} AS toCI,
       r.id AS id, r.localPort AS localPort, r.remotePort AS remotePort, r.source AS source,
       confirmedAt, r.staleSince AS staleSince, r.staleRun AS staleRun
ORDER BY staleSince IS NULL, confirmedAt, fromCI.name, localPort
LIMIT $limit

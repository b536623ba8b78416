// Newest first, keyset on (startedAt, id) descending.
MATCH (r:DiscoveryRun)
WHERE $afterStartedAt IS NULL
   OR r.startedAt < datetime($afterStartedAt)
   OR (r.startedAt = datetime($afterStartedAt) AND r.id < $afterId)
RETURN r {.*, labels: labels(r)} AS run
ORDER BY r.startedAt DESC, r.id DESC
LIMIT $limit

// RUNNING runs whose last progress (or start) is older than $before.
MATCH (r:DiscoveryRun {state: 'RUNNING'})
WHERE r.updatedAt < $before
RETURN r.id AS id
ORDER BY r.startedAt

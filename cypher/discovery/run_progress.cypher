// Progress of a running run (bookkeeping, not audited: the start and the end are).
MATCH (r:DiscoveryRun {id: $id, state: 'RUNNING'})
SET r.phase = $phase, r.done = $done, r.total = $total, r.updatedAt = datetime()
RETURN r.id AS id

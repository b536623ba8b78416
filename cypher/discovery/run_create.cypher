CREATE (r:Entity:DiscoveryRun {id: $id})
SET r += $props, r.state = 'RUNNING', r.startedAt = $now, r.createdAt = $now,
    r.updatedAt = $now, r.phase = 'SCANNING', r.done = 0, r.total = 0,
    r.countNew = 0, r.countUpdated = 0, r.countUnchanged = 0, r.countUnreachable = 0,
    r.countErrors = 0, r.failures = []
RETURN r {.*, labels: labels(r)} AS run

MATCH (r:DiscoveryRun {id: $id})
WITH r, r {.*} AS before
SET r += $props, r.finishedAt = $now, r.updatedAt = $now
RETURN before, r {.*, labels: labels(r)} AS run

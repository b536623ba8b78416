// Close an open task with a person's decision.
MATCH (n:ReconciliationTask {id: $id})
WHERE n.state = 'OPEN'
WITH n, n {.*} AS before
SET n.state = 'RESOLVED', n.resolution = $resolution, n.resolvedCiId = $ciId,
    n.resolvedBy = $actor, n.resolvedAt = $now, n.updatedAt = $now
RETURN before, n {.*, labels: labels(n)} AS node

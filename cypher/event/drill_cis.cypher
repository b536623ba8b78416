// The CIs the start-up drill of the event path alerts on (``services/event_drill``): those
// most others need first (DEPENDS_ON, RUNS_ON, HOSTED_ON towards them), whose outage
// makes the widest pass and so the largest parameter lists; up to $limit.
MATCH (c:CI)
WITH c, COUNT { (c)<-[:DEPENDS_ON|RUNS_ON|HOSTED_ON]-() } AS needed
WHERE needed > 0
RETURN c.id AS id
ORDER BY needed DESC, id
LIMIT $limit

// The CI the start-up drill of the event path alerts on (``services/event_drill``): the one
// most others need (DEPENDS_ON, RUNS_ON, HOSTED_ON towards it), whose outage makes the
// widest pass; none when nothing needs a CI.
MATCH (c:CI)
WITH c, COUNT { (c)<-[:DEPENDS_ON|RUNS_ON|HOSTED_ON]-() } AS needed
WHERE needed > 0
RETURN c.id AS id
ORDER BY needed DESC, id
LIMIT 1

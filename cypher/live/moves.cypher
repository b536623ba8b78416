// The feed's last number, and the status moves numbered after $after (up to $upTo) in
// feed order, each with the name of its CI or service and the automatic incident it
// opened or moved (one row with a null move when there is none).
OPTIONAL MATCH (f:ChangeFeed {name: $feed})
WITH coalesce(f.seq, 0) AS last
OPTIONAL MATCH (s:StatusChange)
WHERE s.feedSeq > $after AND s.feedSeq <= $upTo
OPTIONAL MATCH (c:CI {id: s.ciId})
OPTIONAL MATCH (v:Service {id: s.serviceId})
OPTIONAL MATCH (i:Incident {id: s.incidentId})
RETURN last, s {.*} AS move, coalesce(c.name, v.name) AS name,
       CASE WHEN i IS NULL THEN null ELSE i {.id, .number, .state, .priority} END AS incident
ORDER BY s.feedSeq, s.ciId IS NULL, s.at, s.id

// Candidates only: claim.cypher decides under the node's lock.
MATCH (s:Schedule)
WHERE s.nextRunAt <= $now AND s.enabled
  AND (s.leaseHolder IS NULL OR s.leaseExpires < $now)
RETURN s {.*} AS schedule
ORDER BY s.nextRunAt, s.id
LIMIT $limit

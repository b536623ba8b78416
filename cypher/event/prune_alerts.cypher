// Resolved alerts last heard of before $before, at most $batch of them; an open alert
// is kept whatever its age (it may hold a CI down).
MATCH (a:Alert)
WHERE a.state = 'RESOLVED' AND a.lastSeen < $before
WITH a LIMIT $batch
DELETE a
RETURN count(*) AS deleted

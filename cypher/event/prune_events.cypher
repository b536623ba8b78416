// Events received before $before, at most $batch of them (run until none is left).
MATCH (e:Event)
WHERE e.receivedAt < $before
WITH e LIMIT $batch
DELETE e
RETURN count(*) AS deleted

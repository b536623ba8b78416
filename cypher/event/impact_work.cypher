// What the evaluator's pass takes: the oldest queued entries of one kind (at most $limit;
// the rest wait for the next pass), read under the evaluator's lock.
MATCH (w:ImpactWork {kind: $kind})
WITH w ORDER BY w.at, w.id LIMIT $limit
RETURN w.id AS id, w.ids AS ids, w.at AS at

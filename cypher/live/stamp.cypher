// The status moves of one payload (marked with its ``batch``) get the change feed's next
// number, taken as the transaction's last step: the feed node stays locked until commit,
// so numbers commit in order and a reader past N never sees N commit later.
MATCH (s:StatusChange {batch: $batch})
WITH collect(s) AS moves
WHERE size(moves) > 0
MERGE (f:ChangeFeed {name: $feed})
SET f._lock = true
WITH f, moves, coalesce(f.seq, 0) + 1 AS seq
SET f.seq = seq
REMOVE f._lock
FOREACH (s IN moves | SET s.feedSeq = seq REMOVE s.batch)
RETURN seq

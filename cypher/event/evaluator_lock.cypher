// The first step of an impact evaluator's pass: take the lock of the evaluator's node, so
// passes run one at a time whichever API process runs them (a second waits, then finds
// the work taken). Held until the pass commits; nothing else takes it.
MERGE (f:ChangeFeed {name: $name})
SET f._lock = true
REMOVE f._lock
SET f.lastPassAt = $now
RETURN f.name AS name

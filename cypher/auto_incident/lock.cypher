// The first write of an impact evaluator's pass: the write lock of each CI and service
// its incident and status writes will link or set ($ids sorted), taken in that order
// before any of them. Alert payloads lock their CIs in id order too (event/set_ci_status),
// so the two never wait for each other in a cycle. SET then REMOVE takes the lock and
// leaves no trace; held until the pass commits.
UNWIND $ids AS id
MATCH (n:Entity {id: id})
SET n._lock = true
REMOVE n._lock
RETURN count(n) AS locked

// Take the write lock of each business service monitoring re-evaluates (ids come sorted,
// so writers lock in one order). Held until the transaction ends: two payloads about CIs
// under one service decide its incident one after the other, the second reading what the
// first committed. SET then REMOVE locks and leaves no trace.
UNWIND $ids AS id
MATCH (s:Service {id: id})
SET s.autoLock = true
REMOVE s.autoLock
RETURN s.id AS id

// Take the write lock of each alert a payload is about (fingerprints come sorted, so
// writers lock in one order), creating the ones not seen yet, and return what is stored
// of them. SET then REMOVE locks an existing alert and leaves no trace; the lock is held
// until the transaction ends, so two posts about one alert run one after the other.
UNWIND $fingerprints AS fp
MERGE (a:Alert {fingerprint: fp})
ON CREATE SET a.id = randomUUID(), a.eventCount = 0
ON MATCH SET a.locked = true
REMOVE a.locked
RETURN a.fingerprint AS fingerprint, a.state AS state, a.holds AS holds,
       coalesce(a.flapping, false) AS flapping, coalesce(a.transitions, []) AS transitions,
       a.ciId AS ciId

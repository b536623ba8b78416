// Take the write lock of each alert a payload is about (fingerprints come sorted, so
// writers lock in one order), creating the ones not seen yet, and return what is stored
// of them. SET then REMOVE locks an existing alert and leaves no trace; the lock is held
// until the transaction ends, so two posts about one alert run one after the other.
// One row, its alerts collected: a row each would cost the driver a Bolt message each.
UNWIND $fingerprints AS fp
MERGE (a:Alert {fingerprint: fp})
ON CREATE SET a.id = randomUUID(), a.eventCount = 0
ON MATCH SET a.locked = true
REMOVE a.locked
RETURN collect(a {.fingerprint, .state, .holds, flapping: coalesce(a.flapping, false),
                 transitions: coalesce(a.transitions, []), .ciId}) AS alerts

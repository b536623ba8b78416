// Take the write lock of each alert a payload is about (fingerprints come sorted, so
// writers lock in one order), creating the ones not seen yet, and return what is stored
// of them. SET then REMOVE locks an existing alert and leaves no trace; the lock is held
// until the transaction ends, so two posts about one alert run one after the other.
// With them, once every lock is held (after the aggregation), which of $digests are
// stored (notifications accepted before) and which of $ciIds name a CI (events naming
// their CI): two reads that were statements of their own, one round trip each.
// One row, its alerts collected: a row each would cost the driver a Bolt message each.
UNWIND $fingerprints AS fp
MERGE (a:Alert {fingerprint: fp})
ON CREATE SET a.id = randomUUID(), a.eventCount = 0
ON MATCH SET a.locked = true
REMOVE a.locked
WITH collect(a {.fingerprint, .state, .holds, flapping: coalesce(a.flapping, false),
                transitions: coalesce(a.transitions, []), .ciId}) AS alerts
RETURN alerts,
       COLLECT { UNWIND $digests AS d MATCH (:Event {digest: d}) RETURN d } AS digests,
       COLLECT { UNWIND $ciIds AS id MATCH (c:CI {id: id}) RETURN c.id } AS ciIds

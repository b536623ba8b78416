// The first step of every events transaction: take the change feed's lock (the node the
// last step numbers the status moves on), so events transactions run one at a time.
// They lock alerts, then CIs, then the services above them and the CIs those services
// need: two at once deadlocked on each other's CIs (benchmarks.events: retried for 30 s,
// then failed). One at a time, none waits for another halfway through.
MERGE (f:ChangeFeed {name: $feed})
SET f._lock = true
REMOVE f._lock
RETURN f.name AS name

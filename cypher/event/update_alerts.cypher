// Each alert after its notifications of this payload: state, binding, what it holds
// its CI at, its recent state changes.
UNWIND $alerts AS row
MATCH (a:Alert {fingerprint: row.fingerprint})
SET a += row.props,
    a.transitions = row.transitions,
    a.firstSeen = coalesce(a.firstSeen, $at),
    a.lastSeen = $at,
    a.eventCount = a.eventCount + row.events
RETURN count(a) AS updated

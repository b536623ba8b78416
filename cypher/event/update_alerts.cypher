// Each alert after its notifications of this payload: state, binding, what it holds
// its CI at, its recent state changes (ISO 8601 text, stored as times).
UNWIND $alerts AS row
MATCH (a:Alert {fingerprint: row.fingerprint})
SET a += row.props,
    a.transitions = [t IN row.transitions | datetime(t)],
    a.firstSeen = coalesce(a.firstSeen, $at),
    a.lastSeen = $at,
    a.eventCount = a.eventCount + row.events
RETURN count(a) AS updated

// Store accepted notifications, each with its raw payload; the digest's constraint
// refuses a second copy of one notification. Times come as ISO 8601 text (cheaper to
// send than the driver's temporal values).
UNWIND $events AS e
CREATE (ev:Event)
SET ev = e.props, ev.receivedAt = $at, ev.startsAt = datetime(e.startsAt),
    ev.endsAt = datetime(e.endsAt)
RETURN count(ev) AS stored

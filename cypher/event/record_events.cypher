// Store accepted notifications, each with its raw payload; the digest's constraint
// refuses a second copy of one notification.
UNWIND $events AS e
CREATE (ev:Event)
SET ev = e.props, ev.receivedAt = $at, ev.startsAt = e.startsAt, ev.endsAt = e.endsAt
RETURN count(ev) AS stored

// Lifecycle event 1 of assets just created ("recorded" / "imported" in their state).
UNWIND $assets AS new
MATCH (a:Asset {id: new.id})
CREATE (a)-[:HAD]->(e:Entity:LifecycleEvent {id: new.eventId, seq: 1})
SET e.to = a.lifecycleState, e.at = a.createdAt, e.actor = $actor, e.note = $note

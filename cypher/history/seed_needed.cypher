// Whether any entity has no Timeline yet (a read: nothing to seed at most starts).
MATCH (n:Entity)
  WHERE NOT EXISTS { MATCH (:Timeline {id: n.id}) }
RETURN n.id AS id
LIMIT 1

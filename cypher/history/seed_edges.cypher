// Version one of the relationships at the Timelines seed_states made: valid from their
// createdAt, else from when both ends existed.
MATCH (t:Timeline)
  WHERE t.seeded
MATCH (a:Entity {id: t.id})-[r]-(b:Entity)
  WHERE startNode(r) = a OR NOT EXISTS { MATCH (:Timeline {id: b.id, seeded: true}) }
WITH r, startNode(r) AS x, endNode(r) AS y
MATCH (tx:Timeline {id: x.id}), (ty:Timeline {id: y.id})
CALL (r, x, y, tx, ty) {
  WITH r, tx, ty, coalesce(x.createdAt, $at) AS fx, coalesce(y.createdAt, $at) AS fy
  CREATE (tx)-[w:$('WAS_' + type(r))]->(ty)
  SET w = properties(r),
      w.validFrom = coalesce(r.createdAt, CASE WHEN fx > fy THEN fx ELSE fy END)
} IN TRANSACTIONS OF 5000 ROWS

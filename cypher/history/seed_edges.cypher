// Version one of the relationships at the Timelines seed_states made: valid from their
// createdAt, else from when both ends existed. One that has an open history edge of the
// same type and properties already is left (a seed cut short and run again).
MATCH (t:Timeline)
  WHERE t.seeded
MATCH (a:Entity {id: t.id})-[r]-(b:Entity)
  WHERE startNode(r) = a OR NOT EXISTS { MATCH (:Timeline {id: b.id, seeded: true}) }
WITH r, startNode(r) AS x, endNode(r) AS y
MATCH (tx:Timeline {id: x.id}), (ty:Timeline {id: y.id})
CALL (r, x, y, tx, ty) {
  WITH r, tx, ty, coalesce(x.createdAt, $at) AS fx, coalesce(y.createdAt, $at) AS fy
    WHERE none(w IN [(tx)-[v]->() WHERE endNode(v) = ty AND type(v) = 'WAS_' + type(r)
                                        AND v.validTo IS NULL | v]
               WHERE all(k IN keys(r) + keys(w)
                         WHERE k IN $edgeSkip
                            OR coalesce(w[k] = r[k]
                                        OR CASE WHEN w[k] IS :: FLOAT NOT NULL
                                                  AND r[k] IS :: FLOAT NOT NULL
                                                THEN isNaN(w[k]) AND isNaN(r[k])
                                                ELSE false END,
                                        w[k] IS NULL AND r[k] IS NULL)))
  CREATE (tx)-[w:$('WAS_' + type(r))]->(ty)
  SET w = properties(r),
      w.validFrom = coalesce(r.createdAt, CASE WHEN fx > fy THEN fx ELSE fy END)
} IN TRANSACTIONS OF 5000 ROWS

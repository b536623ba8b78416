// The versions of nodes whose properties alone a write transaction changed ($ids: no
// relationship at them made, changed or deleted), at commit: the first part of
// ``capture`` without its walk over their relationships, which a status write from
// monitoring would otherwise pay at every CI while it holds the CI's lock. A node with
// no Timeline yet is returned, not versioned: its relationships need their history
// edges too, so the caller captures it in full. Values compare as in ``capture``
// (absent against present: different; NaN against NaN: equal).
UNWIND $ids AS id
OPTIONAL MATCH (t:Timeline {id: id}) USING INDEX SEEK t:Timeline(id)
CALL (id, t) {
  MATCH (n:Entity {id: id}) USING INDEX SEEK n:Entity(id)
    WHERE t IS NOT NULL
  OPTIONAL MATCH (t)-[cur:STATE]->(s)
    WHERE cur.validTo IS NULL
  WITH t, cur, s, n {.*, _labels: labels(n)} AS state
  WHERE s IS NULL OR NOT all(k IN keys(s) + keys(state)
                             WHERE k IN $stateSkip
                                OR coalesce(s[k] = state[k]
                                            OR CASE WHEN s[k] IS :: FLOAT NOT NULL
                                                      AND state[k] IS :: FLOAT NOT NULL
                                                    THEN isNaN(s[k]) AND isNaN(state[k])
                                                    ELSE false END,
                                            s[k] IS NULL AND state[k] IS NULL))
  SET cur.validTo = $at
  CREATE (t)-[:STATE {validFrom: $at}]->(v:State)
  SET v = state
  FOREACH (k IN $hidden | SET v[k] = null)
}
WITH id, t
  WHERE t IS NULL
RETURN id

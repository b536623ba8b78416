// The versions of the nodes a write transaction named (its audit targets), at commit:
// a node whose properties or labels differ from its open version gets a new version
// (the old one closed at $at); a node that is gone has its open version closed (a
// tombstone: its Timeline stays). Keys in $skip (volatile and hidden ones) are not
// compared; hidden ones are not copied.
UNWIND $ids AS id
OPTIONAL MATCH (n:Entity {id: id})
OPTIONAL MATCH (t:Timeline {id: id})
OPTIONAL MATCH (t)-[cur:STATE]->(s)
  WHERE cur.validTo IS NULL
WITH id, n, t, cur, s,
     CASE WHEN n IS NULL THEN null ELSE n {.*, _labels: labels(n)} END AS state
WHERE (n IS NULL AND cur IS NOT NULL)
   OR (n IS NOT NULL AND (s IS NULL OR NOT all(k IN keys(s) + keys(state)
                                                WHERE k IN $skip OR s[k] = state[k])))
SET cur.validTo = $at
WITH id, n, state
WHERE n IS NOT NULL
MERGE (t:Timeline {id: id})
CREATE (t)-[:STATE {validFrom: $at}]->(s:State)
SET s = state
FOREACH (k IN $hidden | SET s[k] = null)
RETURN count(s) AS versions

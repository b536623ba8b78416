// The versions of what a write transaction named ($ids, its audit targets), at commit,
// in one statement (every write transaction pays it). The nodes versioned are $ids and
// the far ends, not named and without a Timeline yet, of relationships at them (a node
// the write made without naming it, e.g. a lifecycle event: its first version).
// Every MATCH look-up by id is a forced index seek (`USING INDEX SEEK`; a MERGE takes no
// hint): in a fresh database the planner, at near-zero counts, planned some as an index
// scan filtered per row, and a 30,000-asset import's commit ran past its 300 s deadline
// (benchmarks/README.md, "import_assets"). A plain `USING INDEX` may be served by a scan.
CALL () {
  UNWIND $ids AS id
  OPTIONAL MATCH (e:Entity {id: id})--(m:Entity)
    USING INDEX SEEK e:Entity(id)
    WHERE NOT m.id IN $ids
      AND NOT EXISTS { MATCH (mt:Timeline {id: m.id}) USING INDEX SEEK mt:Timeline(id) }
  RETURN $ids + collect(DISTINCT m.id) AS nodes
}
// 1. A node whose properties or labels differ from its open version gets a new version
// (the old one closed at $at); a node that is gone has its open version closed (a
// tombstone: its Timeline stays). Keys in $stateSkip (volatile and hidden ones) are not
// compared; $hidden ones are not copied. Absent and present compare as different (a bare
// `s[k] = state[k]` is null there, and a property a write added made no version), and
// NaN as equal to NaN (`NaN = NaN` is false: an unchanged NaN made a version at every
// write; a list holding a NaN still compares unequal to itself).
CALL (nodes) {
  UNWIND nodes AS id
  OPTIONAL MATCH (n:Entity {id: id}) USING INDEX SEEK n:Entity(id)
  OPTIONAL MATCH (t:Timeline {id: id}) USING INDEX SEEK t:Timeline(id)
  OPTIONAL MATCH (t)-[cur:STATE]->(s)
    WHERE cur.validTo IS NULL
  WITH id, n, cur, s,
       CASE WHEN n IS NULL THEN null ELSE n {.*, _labels: labels(n)} END AS state
  WHERE (n IS NULL AND cur IS NOT NULL)
     OR (n IS NOT NULL AND (s IS NULL OR NOT all(k IN keys(s) + keys(state)
                                                  WHERE k IN $stateSkip
                                                     OR coalesce(s[k] = state[k]
                                                                 OR CASE WHEN s[k] IS :: FLOAT NOT NULL
                                                                           AND state[k] IS :: FLOAT NOT NULL
                                                                         THEN isNaN(s[k]) AND isNaN(state[k])
                                                                         ELSE false END,
                                                                 s[k] IS NULL AND state[k] IS NULL))))
  SET cur.validTo = $at
  WITH id, n, state
  WHERE n IS NOT NULL
  MERGE (t:Timeline {id: id})
  CREATE (t)-[:STATE {validFrom: $at}]->(s:State)
  SET s = state
  FOREACH (k IN $hidden | SET s[k] = null)
}
// 2. Open history edges at the named nodes whose present relationship is gone or
// changed get their validTo. A history edge's type is WAS_ + the relationship's type.
CALL () {
  UNWIND $ids AS id
  MATCH (tn:Timeline {id: id})-[w]-(:Timeline)
    USING INDEX SEEK tn:Timeline(id)
    WHERE w.validTo IS NULL
  WITH DISTINCT w
  WITH w, startNode(w).id AS a, endNode(w).id AS b, substring(type(w), 4) AS kind
  OPTIONAL MATCH (ea:Entity {id: a})-[r:$(kind)]->(eb:Entity {id: b})
    USING INDEX SEEK ea:Entity(id)
    USING INDEX SEEK eb:Entity(id)
  WITH w, collect(r) AS twins
  WHERE none(r IN twins WHERE all(k IN keys(r) + keys(w)
                                  WHERE k IN $edgeSkip
                                     OR coalesce(w[k] = r[k]
                                                 OR CASE WHEN w[k] IS :: FLOAT NOT NULL
                                                           AND r[k] IS :: FLOAT NOT NULL
                                                         THEN isNaN(w[k]) AND isNaN(r[k])
                                                         ELSE false END,
                                                 w[k] IS NULL AND r[k] IS NULL)))
  SET w.validTo = $at
}
// 3. Relationships at those nodes without an open history edge of the same properties
// get one from $at (one whose far end has no Timeline yet waits for that node's write).
CALL (nodes) {
  UNWIND nodes AS id
  MATCH (en:Entity {id: id})-[r]-(:Entity)
    USING INDEX SEEK en:Entity(id)
  WITH DISTINCT r
  MATCH (ta:Timeline {id: startNode(r).id}), (tb:Timeline {id: endNode(r).id})
    USING INDEX SEEK ta:Timeline(id)
    USING INDEX SEEK tb:Timeline(id)
  // ta's own edges, walked from ta: with `(ta)-[w:$(...)]->(tb)` the planner, when it
  // planned on an empty database, scanned every relationship of the graph per row, and
  // kept that plan: a bulk load's commit ran past 300 s
  WHERE none(w IN [(ta)-[x]->() WHERE endNode(x) = tb AND type(x) = 'WAS_' + type(r)
                                     AND x.validTo IS NULL | x]
             WHERE all(k IN keys(r) + keys(w)
                       WHERE k IN $edgeSkip
                          OR coalesce(w[k] = r[k]
                                      OR CASE WHEN w[k] IS :: FLOAT NOT NULL
                                                AND r[k] IS :: FLOAT NOT NULL
                                              THEN isNaN(w[k]) AND isNaN(r[k])
                                              ELSE false END,
                                      w[k] IS NULL AND r[k] IS NULL)))
  CREATE (ta)-[w:$('WAS_' + type(r))]->(tb)
  SET w = properties(r), w.validFrom = $at
}

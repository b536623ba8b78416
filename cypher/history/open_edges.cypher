// Relationships at the named nodes without an open history edge of the same
// properties get one from $at. An end without a Timeline yet (a node the write made
// but did not name, e.g. a lifecycle event) is returned in `missing` and the edge
// left for the caller's second pass, after that node's first version.
UNWIND $ids AS id
MATCH (:Entity {id: id})-[r]-(:Entity)
WITH DISTINCT r
WITH r, startNode(r) AS a, endNode(r) AS b
OPTIONAL MATCH (ta:Timeline {id: a.id})
OPTIONAL MATCH (tb:Timeline {id: b.id})
CALL (r, ta, tb) {
  WITH r, ta, tb
  WHERE ta IS NOT NULL AND tb IS NOT NULL
    AND NOT EXISTS {
      MATCH (ta)-[w:$('WAS_' + type(r))]->(tb)
      WHERE w.validTo IS NULL AND all(k IN keys(r) + keys(w) WHERE k IN $skip OR w[k] = r[k])
    }
  CREATE (ta)-[w:$('WAS_' + type(r))]->(tb)
  SET w = properties(r), w.validFrom = $at
  RETURN count(w) AS made
}
WITH made, CASE WHEN ta IS NULL THEN a.id END AS m1, CASE WHEN tb IS NULL THEN b.id END AS m2
RETURN sum(made) AS opened, [x IN collect(DISTINCT m1) + collect(DISTINCT m2) WHERE x IS NOT NULL] AS missing

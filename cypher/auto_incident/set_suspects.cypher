// Replace the root-cause candidates of incidents ($rows: {id, suspects: [{ciId, rank}]},
// rank 1 the best). An incident resolved while its candidates were searched, with no
// cause recorded, records its best one now when it is a single CI, as its resolution
// would have ($resolved: the resolved state).
UNWIND $rows AS row
MATCH (i:Incident {id: row.id})
CALL (i) {
  OPTIONAL MATCH (i)-[old:SUSPECTS]->()
  DELETE old
}
CALL (i, row) {
  UNWIND row.suspects AS s
  MATCH (c:CI {id: s.ciId})
  MERGE (i)-[r:SUSPECTS]->(c)
  SET r.rank = s.rank
}
CALL (i, row) {
  WITH i, [s IN row.suspects WHERE s.rank = 1] AS best
  WHERE i.state = $resolved AND size(best) = 1 AND NOT EXISTS { (i)-[:CAUSED_BY]->() }
  MATCH (c:CI {id: best[0].ciId})
  CREATE (i)-[:CAUSED_BY]->(c)
}
RETURN count(i) AS replaced

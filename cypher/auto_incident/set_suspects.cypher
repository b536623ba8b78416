// Replace the root-cause candidates of incidents ($rows: {id, suspects: [{ciId, rank}]},
// rank 1 the best).
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
RETURN count(i) AS replaced

// Retired or disposed assets whose CI something still needs (incoming needs-edges, or a
// cluster it is a member of).
MATCH (a:Asset)-[:TRACKS]->(c:CI)
WHERE a.lifecycleState IN ['RETIRED', 'DISPOSED']
CALL (c) {
  MATCH (c)<-[:DEPENDS_ON|RUNS_ON|HOSTED_ON]-(d) RETURN d
  UNION
  MATCH (c)-[:MEMBER_OF]->(d) RETURN d
}
WITH a, c, collect(d {.*, labels: labels(d)}) AS dependents
RETURN a {.*, labels: labels(a)} AS asset, c {.*, labels: labels(c)} AS ci, dependents
ORDER BY a.assetTag
LIMIT $limit

// The assets behind a service: every asset tracking a CI the service needs, directly or
// through other CIs and services (the impact "needs" relation: clusters need members).
MATCH (s:Service {id: $id})
MATCH (s) ((y)-[r:DEPENDS_ON|RUNS_ON|HOSTED_ON|MEMBER_OF]-(x)
           WHERE CASE type(r) WHEN 'MEMBER_OF' THEN startNode(r) = x ELSE startNode(r) = y END){1,25} (c:CI)
WITH DISTINCT c
MATCH (a:Asset)-[:TRACKS]->(c)
RETURN a {.*, labels: labels(a)} AS asset, c {.id, .name, .ciClass, labels: labels(c)} AS ci
ORDER BY a.assetTag

// Assets in use, out of warranty on $asOf (or with none recorded) and covered by no
// support or maintenance contract active on $asOf, whose CI a service of criticality
// >= $minCriticality needs (directly or through other CIs; clusters need members).
MATCH (a:Asset)-[:TRACKS]->(c:CI)
WHERE NOT a.lifecycleState IN $inactiveStates
  AND (a.warrantyEnd IS NULL OR a.warrantyEnd < $asOf)
  AND NOT EXISTS {
    MATCH (a)-[:COVERED_BY]->(k:Contract)
    WHERE k.kind IN $supportKinds
      AND (k.startDate IS NULL OR k.startDate <= $asOf)
      AND (k.endDate IS NULL OR k.endDate >= $asOf)
  }
CALL (c) {
  MATCH (c) ((y)-[r:DEPENDS_ON|RUNS_ON|HOSTED_ON|MEMBER_OF]-(x)
             WHERE CASE type(r) WHEN 'MEMBER_OF' THEN startNode(r) = y ELSE startNode(r) = x END){1,25} (s:Service)
  WHERE s.criticality >= $minCriticality
  WITH DISTINCT s
  ORDER BY s.criticality DESC, s.name
  RETURN collect(s {.*, labels: labels(s)}) AS services
}
WITH a, c, services
WHERE size(services) > 0
RETURN a {.*, labels: labels(a)} AS asset, c {.*, labels: labels(c)} AS ci, services
ORDER BY services[0].criticality DESC, a.assetTag
LIMIT $limit

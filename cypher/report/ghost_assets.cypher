// DEPLOYED assets with no CI, or whose CI nobody has seen since the cut-off.
MATCH (a:Asset {lifecycleState: 'DEPLOYED'})
OPTIONAL MATCH (a)-[:TRACKS]->(c:CI)
WITH a, c,
     CASE WHEN c IS NULL THEN 'NO_CI'
          WHEN c.lastSeen IS NULL THEN 'NEVER_SEEN'
          WHEN c.lastSeen < $cutoff THEN 'NOT_SEEN_SINCE'
     END AS reason
WHERE reason IS NOT NULL
RETURN a {.*, labels: labels(a)} AS asset, c {.*, labels: labels(c)} AS ci, reason
ORDER BY a.assetTag
LIMIT $limit

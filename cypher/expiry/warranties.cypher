// Warranties ending in the window, of assets still in use, with the CI each tracks.
MATCH (a:Asset)
WHERE a.warrantyEnd >= $asOf AND a.warrantyEnd <= $until
  AND NOT a.lifecycleState IN $inactiveStates
OPTIONAL MATCH (a)-[:TRACKS]->(c:CI)
RETURN a {.*, labels: labels(a)} AS asset, c.id AS ciId

// Hardware CIs (the classes an asset register should hold) that no Asset tracks.
MATCH (c:CI)
WHERE c.ciClass IN $classes
  AND NOT EXISTS { (:Asset)-[:TRACKS]->(c) }
RETURN c {.*, labels: labels(c)} AS ci
ORDER BY c.lastSeen IS NULL, c.name, c.id
LIMIT $limit

// Orphans: CIs (not REPLACED) with no relationship of the types people and imports draw
// ($types: the generic ones of the relationship specs) in either direction: nothing
// depends on them, they depend on nothing, no service can reach them. Oldest first.
MATCH (c:CI)
WHERE coalesce(c.status, '') <> 'REPLACED'
  AND NOT EXISTS { MATCH (c)-[r]-(:Entity) WHERE type(r) IN $types }
RETURN c {.*, labels: labels(c)} AS ci
ORDER BY c.createdAt, c.name, c.id
LIMIT $limit

// CIs of duplicate groups found by name (NAME_LIKE), by id, oldest first, with the names
// of what they are related to (as discovery/duplicates reads a group's CIs).
UNWIND $ids AS id
MATCH (c:CI {id: id})
WITH c ORDER BY c.createdAt, c.id
RETURN c {.*, labels: labels(c),
          neighbours: COLLECT { MATCH (c)--(o:Entity) RETURN DISTINCT o.name }} AS ci

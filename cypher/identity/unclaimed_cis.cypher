// CIs that claim no identity key yet (stored before keys existed), a page at a time in
// id order (a CI without any identifier stays unclaimed; $after moves past it).
MATCH (c:CI)
WHERE c.id > $after AND NOT EXISTS { (c)<-[:IDENTIFIES]-(:IdentityKey) }
RETURN c.id AS id
ORDER BY id
LIMIT $limit

MATCH (n:Vendor)
WHERE ($nameContains IS NULL OR toLower(n.name) CONTAINS toLower($nameContains))
  AND ($afterName IS NULL OR n.name > $afterName OR (n.name = $afterName AND n.id > $afterId))
RETURN n {.*, labels: labels(n)} AS node
ORDER BY n.name, n.id
LIMIT $limit

MATCH (c:CI)
WHERE ($ciClass IS NULL OR c.ciClass = $ciClass)
  AND ($status IS NULL OR c.status = $status)
  AND ($environment IS NULL OR c.environment = $environment)
  AND ($nameContains IS NULL OR toLower(c.name) CONTAINS toLower($nameContains))
  AND ($afterName IS NULL OR c.name > $afterName OR (c.name = $afterName AND c.id > $afterId))
RETURN c {.*, labels: labels(c)} AS ci
ORDER BY c.name, c.id
LIMIT $limit

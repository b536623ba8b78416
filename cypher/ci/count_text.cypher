CALL db.index.fulltext.queryNodes('ciText', $text) YIELD node AS c
WHERE ($ciClass IS NULL OR c.ciClass = $ciClass)
  AND ($status IS NULL OR c.status = $status)
  AND ($environment IS NULL OR c.environment = $environment)
  AND ($nameContains IS NULL OR toLower(c.name) CONTAINS toLower($nameContains))
RETURN count(c) AS total

MATCH (s:Service)
WHERE ($nameContains IS NULL OR toLower(s.name) CONTAINS toLower($nameContains))
  AND ($minCriticality IS NULL OR s.criticality >= $minCriticality)
  AND ($afterName IS NULL OR s.name > $afterName OR (s.name = $afterName AND s.id > $afterId))
RETURN s {.*, labels: labels(s)} AS service
ORDER BY s.name, s.id
LIMIT $limit

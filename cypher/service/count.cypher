MATCH (s:Service)
WHERE ($nameContains IS NULL OR toLower(s.name) CONTAINS toLower($nameContains))
  AND ($minCriticality IS NULL OR s.criticality >= $minCriticality)
RETURN count(s) AS total

MATCH (n:SoftwareProduct)
WHERE ($text IS NULL OR toLower(n.name) CONTAINS toLower($text))
  AND ($afterKey IS NULL OR n.key > $afterKey OR (n.key = $afterKey AND n.id > $afterId))
RETURN n {.*, labels: labels(n)} AS product
ORDER BY n.key, n.id
LIMIT $limit

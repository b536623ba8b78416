MATCH (n:Contract)
WHERE ($kind IS NULL OR n.kind = $kind)
  AND ($text IS NULL OR any(v IN [n.number, n.name] WHERE toLower(v) CONTAINS toLower($text)))
  AND ($vendorId IS NULL OR EXISTS { (n)-[:WITH]->(:Vendor {id: $vendorId}) })
  AND ($afterNumber IS NULL OR n.number > $afterNumber OR (n.number = $afterNumber AND n.id > $afterId))
RETURN n {.*, labels: labels(n)} AS contract
ORDER BY n.number, n.id
LIMIT $limit

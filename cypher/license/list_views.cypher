MATCH (l:License)-[:FOR]->(p:SoftwareProduct)
WHERE ($productId IS NULL OR p.id = $productId)
  AND ($afterName IS NULL OR l.name > $afterName OR (l.name = $afterName AND l.id > $afterId))
OPTIONAL MATCH (l)-[:UNDER]->(c:Contract)
RETURN l {.*, labels: labels(l), productId: p.id} AS license,
       p {.*, labels: labels(p)} AS product, c {.*, labels: labels(c)} AS contract
ORDER BY l.name, l.id
LIMIT $limit

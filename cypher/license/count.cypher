MATCH (l:License)-[:FOR]->(p:SoftwareProduct)
WHERE $productId IS NULL OR p.id = $productId
RETURN count(l) AS total

MATCH (n:Contract)
WHERE ($kind IS NULL OR n.kind = $kind)
  AND ($text IS NULL OR any(v IN [n.number, n.name] WHERE toLower(v) CONTAINS toLower($text)))
  AND ($vendorId IS NULL OR EXISTS { (n)-[:WITH]->(:Vendor {id: $vendorId}) })
RETURN count(n) AS total

MATCH (n:Vendor)
WHERE ($nameContains IS NULL OR toLower(n.name) CONTAINS toLower($nameContains))
RETURN count(n) AS total

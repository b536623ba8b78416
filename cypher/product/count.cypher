MATCH (n:SoftwareProduct)
WHERE ($text IS NULL OR toLower(n.name) CONTAINS toLower($text))
RETURN count(n) AS total

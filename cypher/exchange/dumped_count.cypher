// How many nodes of the dumped labels the database holds (an import needs none).
MATCH (n) WHERE any(l IN labels(n) WHERE l IN $labels)
RETURN count(n) AS n

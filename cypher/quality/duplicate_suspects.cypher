// Per CI class, the CIs that share a strong identity key (serial, MAC, FQDN, a logical
// CI's class and name) with another CI; a serial shared by two manufacturers is two boxes.
MATCH (k:IdentityKey)-[:IDENTIFIES]->(c:CI)
WHERE any(p IN $strongPrefixes WHERE k.key STARTS WITH p)
WITH k, collect(c) AS cis
WHERE size(cis) > 1
UNWIND cis AS c
WITH k, c, [d IN cis WHERE d <> c AND (NOT k.key STARTS WITH $serialPrefix
              OR d.manufacturer IS NULL OR c.manufacturer IS NULL
              OR toLower(trim(d.manufacturer)) = toLower(trim(c.manufacturer)))] AS twins
WHERE size(twins) > 0
WITH DISTINCT c
RETURN c.ciClass AS ciClass, count(c) AS suspects

// Identity keys (SERIAL, MAC, FQDN, HOST, IP; NAME for logical CIs) claimed by more
// than one CI: the candidates of the duplicate report (grouped, split and scored in
// Python). Strongest kind first; each key's CIs oldest first, at most $perKey of them,
// a logical CI with the names of what it is related to (evidence: discovery/duplicates).
MATCH (k:IdentityKey)
WHERE COUNT { (k)-[:IDENTIFIES]->() } > 1
  AND split(k.key, ':')[0] IN $kinds
WITH k, split(k.key, ':')[0] AS kind
CALL (k) {
  MATCH (k)-[:IDENTIFIES]->(c:CI) WHERE c.ciClass IN $classes
  WITH c ORDER BY c.createdAt, c.id
  RETURN collect(c {.*, labels: labels(c),
                    neighbours: CASE WHEN c.ciClass IN $logical
                      THEN COLLECT { MATCH (c)--(o:Entity) RETURN DISTINCT o.name } END}
                 )[..$perKey] AS cis
}
WITH k, kind, cis WHERE size(cis) > 1
RETURN k.key AS key, cis
ORDER BY CASE kind WHEN 'SERIAL' THEN 0 WHEN 'MAC' THEN 1 WHEN 'FQDN' THEN 2
                   WHEN 'NAME' THEN 3 WHEN 'HOST' THEN 4 ELSE 5 END, key
LIMIT $limit

// Identity keys (SERIAL, MAC, FQDN, HOST, IP) claimed by more than one device CI: the
// candidates of the duplicate report (grouped, split and scored in Python). Strongest
// kind first; each key's CIs oldest first, at most $perKey of them.
MATCH (k:IdentityKey)
WHERE COUNT { (k)-[:IDENTIFIES]->() } > 1
  AND split(k.key, ':')[0] IN $kinds
WITH k, split(k.key, ':')[0] AS kind
CALL (k) {
  MATCH (k)-[:IDENTIFIES]->(c:CI) WHERE c.ciClass IN $classes
  WITH c ORDER BY c.createdAt, c.id
  RETURN collect(c {.*, labels: labels(c)})[..$perKey] AS cis
}
WITH k, kind, cis WHERE size(cis) > 1
RETURN k.key AS key, cis
ORDER BY CASE kind WHEN 'SERIAL' THEN 0 WHEN 'MAC' THEN 1 WHEN 'FQDN' THEN 2
                   WHEN 'HOST' THEN 3 ELSE 4 END, key
LIMIT $limit

// CIs with at least $minIncidents incidents opened in [$from, $to), counting incidents
// that AFFECT the CI or were CAUSED_BY it once each.
MATCH (i:Incident)-[:AFFECTS|CAUSED_BY]->(c:CI)
WHERE $from <= i.openedAt < $to
WITH c, count(DISTINCT i) AS incidents, collect(DISTINCT i.number) AS numbers
WHERE incidents >= $minIncidents
RETURN c {.id, .name, .ciClass, labels: labels(c)} AS ci, incidents, numbers
ORDER BY incidents DESC, c.name
LIMIT $limit

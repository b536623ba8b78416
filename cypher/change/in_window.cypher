// Changes not in $excludedStates whose planned window [start, end) meets [$from, $to).
MATCH (c:Change)
WHERE c.plannedStart < $to AND c.plannedEnd > $from AND NOT c.state IN $excludedStates
OPTIONAL MATCH (c)-[:MODIFIES]->(ci:CI)
RETURN c {.*, labels: labels(c)} AS change, collect(ci.id) AS ciIds

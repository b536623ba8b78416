// Incidents open now (in one of $openStates), counted by priority.
MATCH (i:Incident)
WHERE i.state IN $openStates
RETURN i.priority AS priority, count(*) AS incidents
ORDER BY priority

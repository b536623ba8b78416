// Every business service with what its service level is judged against.
MATCH (s:Service)
RETURN s {.id, .name, .criticality, .slaTarget, .users, labels: labels(s)} AS service
ORDER BY s.criticality DESC, s.name

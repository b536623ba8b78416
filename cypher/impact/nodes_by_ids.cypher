UNWIND $ids AS id
MATCH (n:Entity {id: id})
RETURN n {.id, .name, .criticality, .users, .slaTarget, .owner, .minAvailable, labels: labels(n),
          memberCount: CASE WHEN n:Cluster THEN COUNT { (n)<-[:MEMBER_OF]-() } ELSE 0 END} AS node

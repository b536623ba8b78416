// Assets stay; only their ASSIGNED_TO link goes (the service refuses that unless forced).
MATCH (n:Person {id: $id})
WITH n, n {.*} AS before
DETACH DELETE n
RETURN before

// Assets stay; only their LOCATED_AT link goes (the service refuses that unless forced).
MATCH (n:Location {id: $id})
WITH n, n {.*} AS before
DETACH DELETE n
RETURN before

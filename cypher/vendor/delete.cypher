// Contracts stay; only their WITH link goes (the service refuses that unless forced).
MATCH (n:Vendor {id: $id})
WITH n, n {.*} AS before
DETACH DELETE n
RETURN before

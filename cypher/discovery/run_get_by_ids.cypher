UNWIND $ids AS id
MATCH (r:DiscoveryRun {id: id})
RETURN r {.*, labels: labels(r)} AS run

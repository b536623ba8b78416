MATCH (r:DiscoveryRun)
RETURN count(r) AS total

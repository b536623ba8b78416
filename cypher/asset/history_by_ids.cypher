UNWIND $ids AS id
MATCH (:Asset {id: id})-[:HAD]->(e:LifecycleEvent)
RETURN id, e {.*} AS event
ORDER BY id, e.seq

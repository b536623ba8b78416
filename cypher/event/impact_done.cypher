// The queue entries a pass evaluated, deleted with its writes (entries queued meanwhile
// stay for the next pass).
UNWIND $ids AS id
MATCH (w:ImpactWork {id: id})
DELETE w
RETURN count(*) AS done

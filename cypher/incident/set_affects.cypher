// What a new incident AFFECTS (the caller checked the targets).
MATCH (i:Incident {id: $id})
UNWIND $affects AS targetId
MATCH (t:Entity {id: targetId})
MERGE (i)-[:AFFECTS]->(t)

// For each asset, the contracts covering it that carry a cost, with how many assets
// each contract covers (its annual cost is shared equally among them).
UNWIND $ids AS id
MATCH (:Asset {id: id})-[:COVERED_BY]->(c:Contract)
WHERE c.annualCost IS NOT NULL AND c.currency IS NOT NULL
RETURN id, c {.id, .number, .annualCost, .currency, .startDate, .endDate} AS contract,
       COUNT { (c)<-[:COVERED_BY]-(:Asset) } AS covered
ORDER BY id, c.number

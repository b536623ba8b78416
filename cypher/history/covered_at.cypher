// Per row: did the history hold every one of row.ids (an incident's AFFECTS targets) at
// row.at (when it opened)? No means the record is older than the graph's history (an
// incident imported after the fact), and its reports read the graph of when it was
// recorded instead (services/itsm_common.topology_moments).
UNWIND $rows AS row
RETURN row.key AS key,
       all(id IN row.ids WHERE EXISTS {
         MATCH (:Timeline {id: id})-[v:STATE]->()
         WHERE v.validFrom <= row.at AND coalesce(v.validTo > row.at, true)
       }) AS covered

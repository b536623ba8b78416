// Lock each CI whose alerts changed and read, under the lock, its status, the status
// to restore and what every alert bound to it holds it at: the last writer to take the
// lock sees every alert the others committed. One row, the CIs collected.
UNWIND $ids AS id
MATCH (c:CI {id: id})
SET c.eventLock = true
REMOVE c.eventLock
RETURN collect({id: c.id, status: c.status, base: c.statusBeforeEvents,
                 held: COLLECT { MATCH (a:Alert {ciId: id}) WHERE a.holds IS NOT NULL
                                 RETURN a.holds }}) AS cis

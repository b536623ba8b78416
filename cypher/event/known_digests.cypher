// Which of these notifications were accepted before: read first without a lock (a
// payload of repeats is answered from it), then, for those not found, under the alerts'
// locks.
UNWIND $digests AS d
MATCH (e:Event {digest: d})
RETURN d AS digest

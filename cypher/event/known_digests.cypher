// Which of these notifications were accepted before: read first without a lock (a
// payload of repeats is answered from it), then, for those not found, under the alerts'
// locks. One row (the digests collected).
UNWIND $digests AS d
MATCH (e:Event {digest: d})
RETURN collect(d) AS digests

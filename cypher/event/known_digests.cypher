// Which of these notifications were accepted before, read without a lock: a payload of
// repeats is answered from it (the digests it does not find are read again under the
// alerts' locks, in ``event/lock_alerts``). One row (the digests collected).
UNWIND $digests AS d
MATCH (e:Event {digest: d})
RETURN collect(d) AS digests

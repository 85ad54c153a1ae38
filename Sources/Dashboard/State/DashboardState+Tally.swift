import FoundationEssentials
import ProtectionCore

extension DashboardState {
    /// Counts every row into the header's buckets and sub-counts (``DashboardViewModel`` keeps the
    /// result until it can change).
    func tally() -> TaskTally {
        var counts = TaskCounts()
        var validUntil = Date.distantFuture
        let staleAfter = Self.staleIntervals * effectiveInterval
        // Looking a row's source up hashes its name; with no source failing there is nothing to find.
        let anySourceFailing = !failingSources.isEmpty
        // Runs over every row once per wake-up that took in answers: read the fields in place
        // rather than copying whole rows (each copy retains every string and array a row holds).
        tasks.withUnsafeBufferPointer { rows in
            for index in rows.indices {
                if rows[index].gone {
                    counts.gone += 1
                    continue
                }
                let expiry = rows[index].expiresAt
                let display = protectionState(enabled: rows[index].protection?.enabled, expiry: expiry, lapsed: rows[index].lapsedAt != nil,
                                              id: rows[index].id)
                counts.add(display)
                if display.countsAsProtected, let expiry { validUntil = min(validUntil, expiry) }
                if rows[index].problem != nil { counts.readProblems += 1 }
                if rows[index].lastAction?.failed == true { counts.failedAction += 1 }
                if let fault = rows[index].sourceFault {
                    counts.stale += 1
                    counts.noteSourceFault(rows[index].sourceName, fault)
                } else if anySourceFailing, failingSources[rows[index].sourceName] != nil {
                    counts.stale += 1
                } else if let last = rows[index].lastAnswerAt {
                    let staleAt = last.addingTimeInterval(staleAfter)
                    if now.timeIntervalSince(last) > staleAfter { counts.stale += 1 } else { validUntil = min(validUntil, staleAt) }
                }
            }
        }
        return TaskTally(counts: counts, rowsChanges: rowsChanges.count, countedAt: now, validUntil: validUntil)
    }
}

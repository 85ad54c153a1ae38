import FoundationEssentials
import ProtectionCore

/// What a row shows, worked out from its last answer, the clocks and the health of its source.
extension DashboardState {
    /// What the row's state column says.
    public func displayState(of row: TaskRow) -> TaskDisplayState {
        displayState(of: row, protection: protectionState(of: row))
    }

    /// The same, with the row's ``protectionState(of:)`` already worked out.
    func displayState(of row: TaskRow, protection: TaskDisplayState) -> TaskDisplayState {
        if row.gone { return .gone }
        return row.isPending ? .pending : protection
    }

    /// Whether the row's protection is on with an expiry too far from the agent's clock to believe
    /// (``TaskProtection/hasImplausibleExpiration(at:)``): it shows "bad date" and counts nothing
    /// down. `agentNow`: the state's ``agentNow``, worked out once by a caller going over many rows.
    public func hasImplausibleExpiry(_ row: TaskRow, agentNow: Date? = nil) -> Bool {
        guard let protection = row.protection, protection.enabled else { return false }
        return protection.hasImplausibleExpiration(at: agentNow ?? self.agentNow)
    }

    /// The header bucket the row counts in: its state by the last answer, or GONE; never PENDING.
    public func bucket(of row: TaskRow) -> TaskDisplayState {
        row.gone ? .gone : protectionState(of: row)
    }

    /// The state the last answer established, ignoring a PUT in flight: LAPSED from the moment
    /// the protection ran out while watched until it is protected again or the lapse dismissed.
    public func protectionState(of row: TaskRow) -> TaskDisplayState {
        protectionState(enabled: row.protection?.enabled, expiry: row.expiresAt, lapsed: row.lapsedAt != nil, id: row.id)
    }

    /// The same from the three fields it depends on (`enabled` nil: no answer yet), which a loop
    /// over every row reads in place without copying the row or its strings.
    /// EXPIRING uses the task's own window (shorter for a short protection it saw asked).
    func protectionState(enabled: Bool?, expiry: Date?, lapsed: Bool, id: TargetID) -> TaskDisplayState {
        guard let enabled else { return lapsed ? .lapsed : .unknown }
        guard enabled else { return lapsed ? .lapsed : .unprotected }
        guard let expiry else { return .protected }
        let remaining = expiry.timeIntervalSince(now)
        if remaining <= 0 { return .lapsed }
        // A watch's window is at most the threshold it was made with, the state's, which never
        // changes: most rows need no look-up (the tally makes this call for every task).
        if remaining >= max(0, expiringSoonThreshold) { return .protected }
        return remaining < (lapseWatches[id]?.window ?? expiringSoonThreshold) ? .expiringSoon : .protected
    }

    /// Whether the row's last answer is out of date: its source is failing as a whole, or no answer
    /// came for ``staleIntervals`` effective intervals.
    public func isStale(_ row: TaskRow) -> Bool {
        guard !row.gone else { return false }
        if row.sourceFault != nil || (!failingSources.isEmpty && failingSources[row.sourceName] != nil) { return true }
        guard let last = row.lastAnswerAt else { return false }
        return now.timeIntervalSince(last) > Self.staleIntervals * effectiveInterval
    }

    /// The failing source serving `row`, if its source is failing.
    public func failingSource(of row: TaskRow) -> SourceHealth? {
        failingSources[row.sourceName]
    }
}

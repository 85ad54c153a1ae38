import FoundationEssentials

extension ProtectionResponse {
    /// The moment an answer's `ExpirationDate` is judged against: the same answer's `Date` header
    /// (the answering clock, so a local clock that is off cannot make an expired protection look
    /// current or the reverse), else, for a server that sends no `Date`, the local time the answer
    /// arrived.
    public var answeredAt: Date { serverDate ?? receivedAt }

    /// Why this answer does not confirm that the task is protected, or nil when it does (or when
    /// it is not a protection answer at all: failures and errors are counted on their own).
    /// Protected means `ProtectionEnabled` true and an `ExpirationDate` after ``answeredAt``.
    public var notProtectedReason: String? {
        guard case .protection(let protection) = result else { return nil }
        guard protection.enabled else { return "ProtectionEnabled is false" }
        guard let expiry = protection.expirationDate else { return "ProtectionEnabled is true but there is no ExpirationDate" }
        guard expiry > answeredAt else {
            return "ExpirationDate \(RFC3339.format(expiry)) is not after the answer's time \(RFC3339.format(answeredAt))"
        }
        return nil
    }

    /// Why this answer says the task is still protected, or nil when it says it is not (or it is
    /// not a protection answer): `ProtectionEnabled` true with no `ExpirationDate` or one after
    /// ``answeredAt``.
    public var stillProtectedReason: String? {
        guard case .protection(let protection) = result, protection.enabled else { return nil }
        guard let expiry = protection.expirationDate else { return "ProtectionEnabled is still true" }
        guard expiry > answeredAt else { return nil }
        return "ProtectionEnabled is still true, until \(RFC3339.format(expiry))"
    }

    /// For the answer to `change`: why it does not show the change made (``notProtectedReason``
    /// for a protect, ``stillProtectedReason`` for an unprotect), or nil when it does.
    public func shortfall(for change: ProtectionChange) -> String? {
        change.enabled ? notProtectedReason : stillProtectedReason
    }
}

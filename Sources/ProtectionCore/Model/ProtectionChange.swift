/// A validated PUT body: protect (optionally for a number of minutes) or unprotect.
///
/// The agent does not range-check `ExpiresInMinutes` and narrows it to 32 bits, so an
/// out-of-range value must never leave this process: construction refuses it.
public struct ProtectionChange: Sendable, Equatable, Hashable {
    /// `ProtectionEnabled`.
    public let enabled: Bool
    /// `ExpiresInMinutes`; nil lets the agent apply its default of 120.
    public let expiresInMinutes: Int?

    /// The range ECS accepts.
    public static let minutesRange = 1...2880
    /// What the agent applies when `ExpiresInMinutes` is absent.
    public static let defaultMinutes = 120

    /// Protect, for `minutes` (1…2880) or the agent's default when nil.
    public static func protect(minutes: Int? = nil) throws(ProtectionChangeError) -> ProtectionChange {
        if let minutes, !minutesRange.contains(minutes) { throw .minutesOutOfRange(minutes) }
        return ProtectionChange(enabled: true, expiresInMinutes: minutes)
    }

    /// Remove protection.
    public static let unprotect = ProtectionChange(enabled: false, expiresInMinutes: nil)

    private init(enabled: Bool, expiresInMinutes: Int?) {
        self.enabled = enabled
        self.expiresInMinutes = expiresInMinutes
    }

    /// The JSON body as the agent expects it (key order fixed, no whitespace).
    public var jsonBody: String {
        if let minutes = expiresInMinutes {
            return "{\"ProtectionEnabled\":\(enabled),\"ExpiresInMinutes\":\(minutes)}"
        }
        return "{\"ProtectionEnabled\":\(enabled)}"
    }
}

/// Why a ``ProtectionChange`` was refused before anything was sent.
public enum ProtectionChangeError: Error, Equatable, CustomStringConvertible {
    case minutesOutOfRange(Int)

    public var description: String {
        switch self {
        case .minutesOutOfRange(let minutes):
            "expires-in minutes must be between \(ProtectionChange.minutesRange.lowerBound) and \(ProtectionChange.minutesRange.upperBound), got \(minutes)"
        }
    }
}

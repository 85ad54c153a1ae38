import FoundationEssentials
import SafeText

/// Which drill a process's records belong to, and which run (process) wrote them.
///
/// A drill spans processes: the simulator prints its drill id as `ECS_PROTECT_DRILL_ID`, and a
/// dashboard or one-shot command started with that variable (or `--drill`) joins it. A process
/// given neither starts a drill of its own.
public struct DrillIdentity: Sendable, Equatable {
    /// The environment variable a process joins a drill by.
    public static let environmentVariable = "ECS_PROTECT_DRILL_ID"

    /// The drill id, shared by every process of the drill.
    public var drill: String
    /// This process's run id, unique to it.
    public var run: String

    /// An identity with the given ids (already checked).
    public init(drill: String, run: String) {
        self.drill = drill
        self.run = run
    }

    /// A new drill of its own, with a new run.
    public init() {
        self.init(drill: Self.newID(), run: Self.newID())
    }

    /// Joins the drill named by `flag`, else by `environment`'s ``environmentVariable``, else
    /// starts a new one; the run is always new.
    /// - Throws: ``DrillIDError`` when the id given is not a valid drill id.
    public static func resolve(flag: String?, environment: [String: String] = ProcessInfo.processInfo.environment)
        throws(DrillIDError) -> DrillIdentity {
        if let flag { return DrillIdentity(drill: try validated(flag, origin: "--drill"), run: newID()) }
        if let value = environment[environmentVariable], !value.isEmpty {
            return DrillIdentity(drill: try validated(value, origin: environmentVariable), run: newID())
        }
        return DrillIdentity()
    }

    /// `text` when it is a drill id: 1 to 64 ASCII letters, digits, `.`, `_`, `-` or `:`.
    /// - Throws: ``DrillIDError`` naming `origin` otherwise.
    public static func validated(_ text: String, origin: String) throws(DrillIDError) -> String {
        guard isValid(text) else {
            throw DrillIDError(message: "\(origin) must be 1 to 64 letters, digits, '.', '_', '-' or ':', got '\(TerminalSafeText.excerpt(text, limit: 80))'")
        }
        return text
    }

    /// Whether `text` is a well-formed drill or run id.
    public static func isValid(_ text: String) -> Bool {
        (1...64).contains(text.utf8.count)
            && text.unicodeScalars.allSatisfy { $0.isASCII && ($0.properties.isAlphabetic || ("0"..."9").contains($0) || ".-_:".unicodeScalars.contains($0)) }
    }

    /// A new id: the UTC second it was made (so ids sort by start) and 32 random bits,
    /// e.g. `20261206T004637Z-3fa2c19b`.
    public static func newID(at date: Date = Date()) -> String {
        let stamp = TimelineRecord.timestamp(date)  // 2026-12-06T00:46:37.123Z
        let compact = stamp.prefix(19).filter { $0 != "-" && $0 != ":" } + "Z"
        return compact + "-" + Self.hexadecimal(UInt32.random(in: .min ... .max))
    }

    /// `value` as eight lowercase hexadecimal digits (as `%08x` writes it).
    private static func hexadecimal(_ value: UInt32) -> String {
        let digits = String(value, radix: 16)
        return String(repeating: "0", count: 8 - digits.count) + digits
    }
}

/// A drill id that cannot be used.
public struct DrillIDError: Error, CustomStringConvertible {
    /// What is wrong, with where the id came from.
    public var message: String

    public var description: String { TerminalSafeText.inert(message) }
}

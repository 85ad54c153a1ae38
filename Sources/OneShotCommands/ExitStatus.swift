import ArgumentParser
import SafeText

/// The documented exit statuses of ecs-protect.
public enum ExitStatus {
    /// Every target answered with its protection (and for `protect`/`unprotect`, with the change made).
    public static let success: Int32 = 0
    /// Some target answered, but with a failure, an error or a rate limit.
    public static let answeredWithProblem: Int32 = 1
    /// Some target could not be reached or sent something that is not an agent response.
    public static let unreachable: Int32 = 2
    /// Not on a terminal when one is needed (the dashboard).
    public static let noTerminal: Int32 = 3
    /// `protect`: some target answered, but is not protected (`ProtectionEnabled` false, or an
    /// `ExpirationDate` not after the answer's own `Date`); `unprotect`: some target answered, but
    /// is still protected. A script's `ecs-protect protect && run-job` never runs the job unprotected.
    public static let notProtected: Int32 = 4
    /// Bad arguments: nothing was sent. Same value as ArgumentParser's own usage errors (EX_USAGE).
    public static let usage: Int32 = 64
    /// Standard output could not be written (disk full, closed, …): EX_IOERR.
    public static let outputFailed: Int32 = 74
    /// Every status with what it means, short enough for an 80-column help screen and man page.
    public static let meanings: [(status: String, meaning: String)] = [
        ("0", "every target answered as asked"),
        ("1", "a target answered with a failure, an error or a rate limit"),
        ("2", "a target was unreachable or answered garbage"),
        ("3", "the dashboard needs a terminal"),
        ("4", "answered, but not protected (protect) or still protected (unprotect)"),
        ("64", "usage error or no usable AWS settings: nothing was sent"),
        ("74", "output, --events or --log-file could not be written"),
        ("78", "the config file cannot be used: nothing was sent"),
        ("128+N", "the dashboard ended by signal N (130 Ctrl-C, 143 SIGTERM)"),
    ]

    /// ``meanings`` as indented text lines, for help and the man page.
    public static var summary: String {
        meanings.map { "  \($0.status.paddedWithSpaces(to: 6))\($0.meaning)" }.joined(separator: "\n")
    }

    /// The status for a set of per-target outcomes: the worst one wins (unreachable over a
    /// problem answer over an answer without the change made).
    public static func forOutcomes(_ outcomes: [TargetOutcome]) -> Int32 {
        switch outcomes.max() ?? .succeeded {
        case .succeeded: success
        case .notAsRequested: notProtected
        case .answeredWithProblem: answeredWithProblem
        case .unreachable: unreachable
        }
    }
}

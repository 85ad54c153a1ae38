import OneShotCommands
import ArgumentParser
import GameDay
import ProtectionCore

/// `ecs-protect protect`: protects each target, for `--minutes` or the agent's default 120.
struct ProtectCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "protect", abstract: "Protect each target from scale-in.",
        discussion: """
        With --keep, stays in the foreground and renews each target's protection before it runs \
        out (when less than a quarter of --minutes, at least 5 minutes but at most half of it, is \
        left), backing off after failures, until Ctrl-C; then says how long each task stays protected.

        Success means protected: the exit status is 0 only when every answer says \
        ProtectionEnabled true with an ExpirationDate after the same answer's Date header (the \
        time it arrived when there is none). An answer that is not protected exits 4 ("answered, \
        but not protected"), with the reason on standard error and, with --json, in the target's \
        "notProtected" member. With --keep, each task's last answer counts the same way. A failure \
        or error answer exits 1 and an unreachable target 2; the worst status wins.
        """)

    // Unconditional: `--minutes -1` is a value out of range, not a missing value and an unknown option.
    @Option(name: .long, parsing: .unconditional, help: "Minutes of protection, 1 to 2880. Default: the agent's 120.")
    var minutes: Int?

    @Flag(name: .long, help: "Keep renewing the protection until Ctrl-C.")
    var keep = false

    @OptionGroup var options: OneShotOptions

    func validate() throws {
        // Checked before anything is sent: the agent itself would wrap values above 32 bits.
        do { _ = try ProtectionChange.protect(minutes: minutes) } catch { throw ValidationError(error.description) }
        if keep, options.json { throw ValidationError("--json does not go with --keep (it prints as it renews)") }
        if keep, options.recording.events != nil { throw ValidationError("--events does not go with --keep (renewals are recorded by the dashboard's K)") }
        if keep, options.ecs.cluster != nil {
            throw ValidationError("--keep renews through agent endpoints (--endpoint); it does not go with --cluster")
        }
    }

    func run() async throws {
        let change = try ProtectionChange.protect(minutes: minutes)
        // The targets first: a command that cannot start records no run.
        let targets = try OneShotTargets.resolve(options)
        let events = try options.openEvents(command: "protect")
        defer { events?.close() }
        switch targets {
        case .cluster(let selection, let region, let profile):
            if keep {
                throw ValidationError("--keep renews through agent endpoints; target set \(options.targetSet ?? "") names a cluster")
            }
            throw ExitCode(try await ECSOneShotRunner.run(.put(change), selection: selection, region: region, profile: profile,
                                                          json: options.json, timeout: options.timeout, events: events))
        case .endpoints(let endpoints):
            if keep {
                throw ExitCode(await KeepRunner.run(
                    endpoints: endpoints, minutes: minutes ?? ProtectionChange.defaultMinutes, timeout: options.timeout))
            }
            throw ExitCode(try await OneShotRunner.run(.put(change), endpoints: endpoints, json: options.json,
                                                       timeout: options.timeout, events: events))
        }
    }
}

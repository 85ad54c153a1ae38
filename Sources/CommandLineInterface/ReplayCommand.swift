import OneShotCommands
import ArgumentParser
import ConfigFiles
import DashboardRuntime
import FoundationEssentials
import GameDay
import ProtectionCore
import SafeText

/// `ecs-protect replay FILE`: a drill's record played on the dashboard.
struct ReplayCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "replay",
        abstract: "Play a drill's events file on the dashboard, with a time cursor.",
        discussion: """
        The dashboard shows the drill (by default the last one in the file) as its dashboard saw it, \
        moment by moment, with the same views, filters and detail pane. P pauses and resumes, Left and \
        Right step to the previous and next event, - and + change the speed (1x to 60x), [ and ] jump \
        to the start and the end, @ to a typed time. Nothing is sent: keys that would change a task \
        are refused. See docs/REPLAY.md.
        """
    )

    @OptionGroup var events: DrillFileOptions

    @Option(name: .long, help: ArgumentHelp("Start at this speed (1-60).", valueName: "n"))
    var speed = 1

    @OptionGroup var appearance: AppearanceOptions

    /// Checks the drill's recorded frame digests (`--record-frame-digests`) against the replay
    /// instead of showing it; no terminal needed (docs/REPLAY.md).
    @Flag(name: .customLong("check-frame-digests"), help: .hidden)
    var checkFrameDigests = false

    func validate() throws {
        guard (1...60).contains(speed) else { throw ValidationError("--speed must be 1 to 60") }
    }

    func run() async throws {
        guard let chosen = try events.choose(command: "replay", verb: "replaying") else { return }
        if checkFrameDigests { throw ExitCode(try Self.check(ReplayScript(records: chosen.records))) }
        let themes = try appearance.themeCycle()
        try TerminalRequirement.check()
        let script = ReplayScript(records: chosen.records)
        // The interval the drill's dashboard polled at: the header and the STALE marks go by it.
        let monitor = MonitorConfiguration(pollInterval: script.pollInterval ?? MonitorConfiguration().pollInterval)
        var options = DashboardSession.Options(endpoints: [], monitor: monitor, readOnly: false, demo: nil, themes: themes, bell: false)
        options.replay = ReplayPlayback(script: script, speed: speed)
        options.hiddenColumns = try ConfigError.reporting { try EffectiveDashboardSettings.hiddenColumns() }
        // EXPIRING and alerts go by the window the drill's dashboard ran with.
        options.alertBeforeMinutes = (script.alertBefore ?? Self.defaultAlertBefore) / 60
        throw ExitCode(try await DashboardLauncher.run(options))
    }

    /// The dashboard's alert window (seconds) when the record does not say: `--alert-before`'s default.
    static let defaultAlertBefore: TimeInterval = 600

    /// One line per recorded instant whose replayed frame differs, then the tally; success only
    /// when there were digests and every one matched.
    private static func check(_ script: ReplayScript) throws -> Int32 {
        let checks = ReplayFidelity.check(script, alertBefore: script.alertBefore ?? Self.defaultAlertBefore)
        var text = ""
        for check in checks where !check.matches {
            text += "\(AnswerFields.micros(check.recorded.instant)) \(TimelineRecord.timestamp(check.recorded.instant)): "
                + "recorded \(check.recorded.digest) (\(TerminalSafeText.inert(check.recorded.scheme))), replayed \(check.replayed)\n"
        }
        let matched = checks.filter(\.matches).count
        text += checks.isEmpty ? "no frame digests in this drill (record one with --record-frame-digests)\n"
            : "\(matched) of \(checks.count) recorded frame digests match\n"
        try StandardOutput.write(text)
        return !checks.isEmpty && matched == checks.count ? ExitStatus.success : ExitStatus.answeredWithProblem
    }
}

import OneShotCommands
import ArgumentParser
import FoundationEssentials
import GameDay
import SafeText

/// `ecs-protect timeline FILE`: the review of a drill from its events file.
struct TimelineCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "timeline",
        abstract: "Summarise an events file (JSON Lines) for a drill's review.",
        discussion: """
        Reviews one drill (by default the last one in the file, with every process that recorded \
        it, merged by wall time). Per task: time protected, time unprotected while a job ran, errors \
        and how long each lasted, lapses, alerts, keep renewals, and every operator action with its \
        outcome and the local user name. Lines that are not events (a file cut short by a crash ends \
        in one) are reported on standard error and skipped. The format is described in docs/EVENTS.md. \
        --format markdown writes the review as a post-mortem section; json and csv write its rows \
        (the same rows in both) for scripts and spreadsheets.
        """
    )

    @OptionGroup var events: DrillFileOptions

    @Option(name: .long, help: ArgumentHelp("How to write the review: text, markdown, json or csv.", valueName: "format"))
    var format = TimelineFormat.text.rawValue

    func validate() throws {
        if TimelineFormat(rawValue: format) == nil {
            throw ValidationError("--format must be one of: \(TimelineFormat.allCases.map(\.rawValue).joined(separator: ", "))")
        }
    }

    func run() throws {
        guard let chosen = try events.choose(command: "timeline", verb: "reviewing") else { return }
        let summary = TimelineSummary(records: chosen.records)
        let review = switch TimelineFormat(rawValue: format) ?? .text {
        case .text: summary.rendered(file: TerminalSafeText.inert(events.file), drill: chosen)
        case .markdown: summary.markdown(file: events.file, drill: chosen)
        case .json: summary.json(file: events.file, drill: chosen)
        case .csv: summary.csv()
        }
        try StandardOutput.write(review)
    }
}

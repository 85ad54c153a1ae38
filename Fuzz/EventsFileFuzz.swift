// libFuzzer target: an events file from anywhere (a drill recorded by another version, edited by
// hand, or hostile): read line by line, grouped into drills, reviewed in each format and turned
// into the script a replay plays. Built by scripts/fuzz against the timeline sources of GameDay.
import Foundation

@_cdecl("LLVMFuzzerTestOneInput")
public func eventsFileFuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> Int32 {
    let text = String(decoding: UnsafeBufferPointer(start: data, count: size), as: UTF8.self)
    let contents = TimelineReader.parse(text, file: "fuzz.jsonl")
    for problem in contents.problems { requireTerminalSafe(problem, "a problem line") }
    let drills = TimelineDrill.group(contents.records)
    requireTerminalSafe(TimelineSummary.list(drills), "the drill list")
    for drill in drills.prefix(4) {
        let summary = TimelineSummary(records: drill.records)
        requireTerminalSafe(summary.rendered(file: "fuzz.jsonl", drill: drill), "the text review")
        _ = summary.markdown(file: "fuzz.jsonl", drill: drill)
        _ = summary.csv()
        _ = summary.json(file: "fuzz.jsonl", drill: drill)
        let script = ReplayScript(records: drill.records)
        guard script.start <= script.end else { fatalError("a replay that ends before it starts") }
        // A step may go by the instant a record names (an answer's arrival: at most an hour before
        // its heartbeat, or within its own record's millisecond), never further from the drill.
        let earliest = script.start.addingTimeInterval(-3600), latest = script.end.addingTimeInterval(0.001)
        guard script.steps.allSatisfy({ $0.time >= earliest && $0.time <= latest }) else {
            fatalError("a replay step far outside the drill")
        }
        guard zip(script.steps, script.steps.dropFirst()).allSatisfy({ $0.time <= $1.time }) else {
            fatalError("replay steps out of time order")
        }
        _ = script.count(atOrBefore: script.end)
    }
    return 0
}

/// What goes to a terminal: every line free of escapes and other control characters.
private func requireTerminalSafe(_ text: String, _ what: String) {
    for line in text.split(separator: "\n", omittingEmptySubsequences: false) where TerminalSafeText.containsUnsafe(line) {
        fatalError("unsafe text in \(what): \(line.prefix(200).debugDescription)")
    }
}

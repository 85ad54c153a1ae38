import Foundation
import ProtectionCore
import Testing
@testable import GameDay

/// `timeline --format`: every format of the review of one recorded drill (a simulator playing
/// scale-in-during-deploy at 10x, and a dashboard watching it with an operator's keys) against its
/// golden file, and hostile record text made safe for each destination.
@Suite struct TimelineFormatTests {
    static let fixtures = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures")
    static let drillFile = "scale-in-during-deploy.jsonl"

    private func review() throws -> (TimelineSummary, TimelineDrill) {
        let contents = try TimelineReader.read(path: Self.fixtures.appendingPathComponent(Self.drillFile).path)
        #expect(contents.problems.isEmpty)
        let drill = try #require(TimelineDrill.group(contents.records).last)
        return (TimelineSummary(records: drill.records), drill)
    }

    private func checkGolden(_ text: String, _ name: String, sourceLocation: SourceLocation = #_sourceLocation) throws {
        let file = Self.fixtures.appendingPathComponent(name)
        if ProcessInfo.processInfo.environment["UPDATE_GOLDENS"] == "1" {
            try Data(text.utf8).write(to: file)
            return
        }
        guard let golden = try? String(contentsOf: file, encoding: .utf8) else {
            Issue.record("missing golden \(file.path); run with UPDATE_GOLDENS=1 to create it", sourceLocation: sourceLocation)
            return
        }
        #expect(text == golden, sourceLocation: sourceLocation)
    }

    @Test func eachFormatMatchesItsGolden() throws {
        let (summary, drill) = try review()
        try checkGolden(summary.rendered(file: Self.drillFile, drill: drill), "scale-in-during-deploy.txt")
        try checkGolden(summary.markdown(file: Self.drillFile, drill: drill), "scale-in-during-deploy.md")
        try checkGolden(summary.json(file: Self.drillFile, drill: drill), "scale-in-during-deploy.json")
        try checkGolden(summary.csv(), "scale-in-during-deploy.csv")
    }

    @Test func theMarkdownReviewHasEveryPostMortemSection() throws {
        let (summary, drill) = try review()
        let markdown = summary.markdown(file: Self.drillFile, drill: drill)
        let headings = markdown.split(separator: "\n").filter { $0.hasPrefix("### ") }.map(String.init)
        #expect(headings == ["### Summary", "### Protection over time", "### Operator actions", "### Alerts and lapses",
                             "### Work at risk", "### Source outages and errors"])
        // The throttled worker's job ran unprotected; the review says so.
        #expect(markdown.contains("| worker\\-c |") || markdown.contains("| worker-c |"))
        #expect(summary.tasks.contains { !$0.workAtRisk.isEmpty })
    }

    @Test func jsonAndCSVCarryTheSameRows() throws {
        let (summary, drill) = try review()
        let rows = summary.rows
        #expect(!rows.isEmpty)
        let object = try #require(try JSONSerialization.jsonObject(with: Data(summary.json(file: Self.drillFile, drill: drill).utf8)) as? [String: Any])
        let jsonRows = try #require(object["rows"] as? [[String: Any]])
        #expect(jsonRows.count == rows.count)
        let csvLines = summary.csv().components(separatedBy: "\r\n").dropLast()
        #expect(csvLines.count == rows.count + 1)
        #expect(csvLines.first == TimelineReviewRow.columns.joined(separator: ","))
        for (row, json) in zip(rows, jsonRows) {
            #expect(json["section"] as? String == row.section.rawValue)
            #expect(json["item"] as? String == row.item)
            #expect(json["label"] as? String == row.label)
            #expect((json["seconds"] as? NSNumber)?.doubleValue == row.seconds.map { (($0 * 1000).rounded()) / 1000 })
        }
        #expect(Set(rows.map(\.section)).isSuperset(of: [.summary, .protection, .action, .risk, .error]))
    }

    /// RFC 4180 quoting, and no formula a spreadsheet would run.
    @Test func csvFieldsAreQuotedAndNeverFormulas() {
        #expect(CSVField.encode("plain") == "plain")
        #expect(CSVField.encode("a,b") == "\"a,b\"")
        #expect(CSVField.encode("say \"hi\"") == "\"say \"\"hi\"\"\"")
        #expect(CSVField.encode("=HYPERLINK(\"http://x\")") == "\"'=HYPERLINK(\"\"http://x\"\")\"")
        #expect(CSVField.encode("+1") == "'+1" && CSVField.encode("-2") == "'-2" && CSVField.encode("@SUM(A1)") == "'@SUM(A1)")
        // A line break is made visible rather than quoted: no record spans two lines.
        #expect(CSVField.encode("a\r\nb") == "a\\x0d\\x0ab")
        #expect(CSVField.record(["x", "y,z"]) == "x,\"y,z\"\r\n")
    }

    /// A quote is a quote to a spreadsheet even with a combining mark after it.
    @Test func aQuoteWithACombiningMarkIsStillDoubled() {
        #expect(CSVField.encode("a,\"\u{301}b") == "\"a,\"\"\u{301}b\"")
        #expect(CSVField.encode("\"\u{301}") == "\"\"\"\u{301}\"")
    }

    /// Numbers in an events file read as they always did (through `NSNumber`): integers keep their
    /// digits, fractions and exponents read as doubles, `true` counts as 1; a service's
    /// deployments are written byte for byte as `JSONSerialization` wrote them.
    @Test func numbersReadAndDeploymentsWriteAsBefore() throws {
        let line = #"{"time":"2026-12-06T10:00:00.000Z","kind":"put.confirmed","v":1.0,"scenarioTime":true,"#
            + #""fields":{"a":true,"b":1.50,"c":1e2,"d":-0,"e":12345678901234567890,"f":0.1,"g":"text","h":null,"i":[1]}}"#
        let record = try #require(TimelineRecord(jsonLine: line[...]))
        #expect(record.version == 1 && record.scenarioTime == 1)
        #expect(record.fields == ["a": "1", "b": "1.5", "c": "100.0", "d": "0", "e": "12345678901234567890", "f": "0.1", "g": "text"])
        #expect(TimelineRecord(jsonLine: #"{"time":"2026-12-06T10:00:00.000Z","kind":"x","v":1.5}"#[...]) == nil)
        #expect(TimelineRecord(jsonLine: #"{"time":"2026-12-06T10:00:00.000Z","kind":"x","v":"1"}"#[...]) == nil)

        let service = ServiceStatus(name: "web", desired: 2, running: 1, pending: 1, deployments: [
            .init(id: "ecs-svc/1", status: "PRIMARY", taskDefinition: "arn:aws:ecs:eu-west-1:1:task-definition/web:3",
                  desired: 2, running: 1, pending: 1, rolloutState: "IN_PROGRESS", rolloutStateReason: "é \"quoted\" \u{1}"),
            .init(id: "ecs-svc/0", status: "ACTIVE", taskDefinition: "web:2", desired: 0, running: 0, pending: 0),
        ], events: [])
        let fields = ServiceStateFields.of(service)
        let expected = try JSONSerialization.data(withJSONObject: [
            ["id": "ecs-svc/1", "status": "PRIMARY", "taskDefinition": "arn:aws:ecs:eu-west-1:1:task-definition/web:3", "desired": 2,
             "running": 1, "pending": 1, "rolloutState": "IN_PROGRESS", "rolloutStateReason": "é \"quoted\" \u{1}"],
            ["id": "ecs-svc/0", "status": "ACTIVE", "taskDefinition": "web:2", "desired": 0, "running": 0, "pending": 0],
        ] as [[String: Any]], options: [.sortedKeys])
        #expect(fields["deployments"] == String(decoding: expected, as: UTF8.self))
        #expect(ServiceStateFields.service(fields) == service)
        var broken = fields
        broken["deployments"] = #"[{"id":"x","status":"s","taskDefinition":"t","desired":1,"running":1,"pending":1},2]"#
        #expect(ServiceStateFields.service(broken)?.deployments == [])
    }

    /// One hostile task and action: each format keeps the text readable and inert for where it goes.
    @Test func hostileRecordTextIsSafeInEveryFormat() throws {
        let start = Date(timeIntervalSince1970: 1_893_456_000)
        let label = "=cmd|' /C calc'!A0\u{1B}]0;owned\u{07}<img src=x onerror=alert(1)>[link](http://evil)|*x*\r\n# h"
        let records = [
            TimelineRecord(time: start, taskArn: "arn:aws:ecs:r:1:task/c/`x`|y", label: label, kind: .state, fields: ["state": "protected"]),
            TimelineRecord(time: start.addingTimeInterval(5), taskArn: "arn:aws:ecs:r:1:task/c/`x`|y", label: label, kind: .operatorAction,
                           fields: ["action": "@SUM(1+1)\u{202E}", "user": "-eve\u{9B}2J"]),
            TimelineRecord(time: start.addingTimeInterval(6), taskArn: "arn:aws:ecs:r:1:task/c/`x`|y", label: label, kind: .putFailed,
                           fields: ["by": "operator", "reason": "+\"quoted\",\u{2028}"]),
        ]
        let summary = TimelineSummary(records: records)
        func noRawControls(_ text: String, allowing allowed: Set<Unicode.Scalar>) -> Bool {
            !text.unicodeScalars.contains { TerminalSafeTextProbe.unsafe($0) && !allowed.contains($0) }
        }
        let markdown = summary.markdown(file: "f\u{1B}[2J.jsonl")
        #expect(noRawControls(markdown, allowing: ["\n"]))
        #expect(!markdown.contains("<img") && markdown.contains("&lt;img"))
        #expect(markdown.contains("\\[link\\](http://evil)") && !markdown.contains(" [link]"), "no link: its brackets are escaped")
        // Every line of a table has its header's cell count: no `|` from the record splits a cell.
        var cellsInTable: Int?
        for line in markdown.split(separator: "\n", omittingEmptySubsequences: false) {
            guard line.hasPrefix("|") else { cellsInTable = nil; continue }
            let cells = line.replacingOccurrences(of: "\\|", with: "").filter { $0 == "|" }.count
            #expect(cells == (cellsInTable ?? cells), "\(line)")
            cellsInTable = cellsInTable ?? cells
        }
        let csv = summary.csv()
        #expect(noRawControls(csv, allowing: ["\r", "\n"]))
        let csvLines = csv.components(separatedBy: "\r\n").dropLast()
        #expect(csvLines.count == summary.rows.count + 1, "a record's line break split a CSV line")
        for line in csvLines.dropFirst() {
            for cell in line.split(separator: ",", omittingEmptySubsequences: false) {
                #expect(!["=", "+", "-", "@"].contains(cell.first.map(String.init) ?? ""), "formula cell in \(line)")
            }
        }
        let json = summary.json(file: "f\u{1B}")
        #expect(noRawControls(json, allowing: ["\n"]))
        let object = try #require(try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any])
        let rows = try #require(object["rows"] as? [[String: Any]])
        #expect(rows.contains { $0["label"] as? String == label }, "JSON keeps the value exactly, escaped")
        let text = summary.rendered(file: "f\u{1B}")
        #expect(noRawControls(text, allowing: ["\n"]))
    }
}

/// What may not reach a document raw: C0 and C1 controls, DEL, bidi and invisible format characters.
enum TerminalSafeTextProbe {
    static func unsafe(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x00...0x1F, 0x7F...0x9F, 0x061C, 0x200B...0x200F, 0x2028...0x202E, 0x2060...0x2069, 0xFEFF: true
        default: false
        }
    }
}

import Foundation
import Testing
@testable import GameDay

@Suite struct TimelineTests {
    let start = Date(timeIntervalSince1970: 1_893_456_000)

    @Test func timestampsAlwaysCarryMilliseconds() {
        #expect(TimelineRecord.timestamp(start) == "2030-01-01T00:00:00.000Z")
        #expect(TimelineRecord.timestamp(start.addingTimeInterval(1.5)) == "2030-01-01T00:00:01.500Z")
        #expect(TimelineRecord.timestamp(start.addingTimeInterval(61.0239)) == "2030-01-01T00:01:01.023Z")
        #expect(TimelineRecord.timestamp(start.addingTimeInterval(0.9999)) == "2030-01-01T00:00:00.999Z")
    }

    @Test func aRecordRoundTripsThroughItsLine() throws {
        let record = TimelineRecord(time: start.addingTimeInterval(0.25), taskArn: "arn:aws:ecs:us-west-2:1:task/c/0a",
                                    label: "web-1", kind: .putFailed, fields: ["reason": "ThrottlingException", "message": "a \"quoted\"\nline"])
        let line = record.jsonLine()
        #expect(!line.contains("\n"))
        #expect(line.contains("\"time\":\"2030-01-01T00:00:00.250Z\""))
        #expect(line.contains("\"task\":\"arn:aws:ecs:us-west-2:1:task/c/0a\""))
        #expect(TimelineRecord(jsonLine: Substring(line)) == record)
    }

    /// Finding 1: the events file held raw DEL, C1 and bidi characters. Every string of a record
    /// now passes the output boundary, and still reads back.
    @Test func recordsCarryNoRawControlBidiOrFormatCharacter() throws {
        let hostile = "a\u{1B}]0;x\u{07}\u{7F}\u{9B}\u{85}\u{202E}\u{2066}\u{200B}\u{200D}\u{FEFF}\u{2028}z"
        let record = TimelineRecord(time: start, taskArn: hostile, label: hostile, kind: TimelineKind(rawValue: hostile),
                                    fields: [hostile: hostile, "reason": "ok"])
        let line = record.jsonLine()
        let raw = line.unicodeScalars.filter { $0.value < 0x20 || (0x7F...0x9F).contains($0.value) || (0x2000...0x206F).contains($0.value) || $0.value == 0xFEFF }
        #expect(raw.isEmpty, "\(line.debugDescription)")
        #expect(line.contains("\\u007f") && line.contains("\\u009b") && line.contains("\\u202e") && line.contains("\\u200d"))
        #expect(TimelineRecord(jsonLine: Substring(line)) == record)
        #expect(line.hasPrefix("{\"fields\":{"), "keys stay sorted: \(line)")
    }

    @Test func linesThatAreNotRecordsAreReportedWithTheirLine() {
        let good = TimelineRecord(time: start, kind: .agentDown).jsonLine()
        let text = [good, "{\"time\":\"yesterday\",\"kind\":\"x\"}", "", "[1,2]", good, "{\"time\":\"2030-01-01T00:00:00.000Z\",\"ki"].joined(separator: "\n")
        let contents = TimelineReader.parse(text, file: "events.jsonl")
        #expect(contents.records.count == 2)
        #expect(contents.problems.map { $0.prefix { $0 != " " } } == ["events.jsonl:2:", "events.jsonl:4:", "events.jsonl:6:"])
    }

    @Test func theSummaryAddsUpProtectionWorkErrorsAndActions() throws {
        func at(_ seconds: Double) -> Date { start.addingTimeInterval(seconds) }
        let arn = "arn:aws:ecs:us-west-2:1:task/c/01"
        let records = [
            TimelineRecord(time: at(0), kind: .scenarioStarted, fields: ["name": "drill"]),
            TimelineRecord(time: at(0), taskArn: arn, label: "w", kind: .state, fields: ["state": "unprotected"]),
            TimelineRecord(time: at(10), taskArn: arn, label: "w", kind: .workStarted),
            // Protected 30 s after the job started: 30 s at risk.
            TimelineRecord(time: at(40), taskArn: arn, label: "w", kind: .putConfirmed, fields: ["state": "protected"]),
            TimelineRecord(time: at(50), taskArn: arn, label: "w", kind: .errorStarted, fields: ["code": "ThrottlingException"]),
            TimelineRecord(time: at(65), taskArn: arn, label: "w", kind: .errorEnded, fields: ["code": "ThrottlingException"]),
            TimelineRecord(time: at(70), kind: .agentDown),
            TimelineRecord(time: at(100), kind: .agentUp),
            TimelineRecord(time: at(100), taskArn: arn, label: "w", kind: .lapse),
            TimelineRecord(time: at(110), taskArn: arn, label: "w", kind: .workFinished),
            TimelineRecord(time: at(115), taskArn: arn, label: "w", kind: .operatorAction, fields: ["action": "protect 120m", "user": "alice"]),
            TimelineRecord(time: at(116), taskArn: arn, label: "w", kind: .state, fields: ["state": "protected"]),
            TimelineRecord(time: at(118), taskArn: arn, label: "w", kind: .errorStarted, fields: ["code": "RequestCanceled"]),
            TimelineRecord(time: at(120), kind: .operatorAction, fields: ["action": "quit", "user": "alice"]),
        ]
        let summary = TimelineSummary(records: records.reversed())
        #expect(summary.scenarioName == "drill" && summary.recordCount == records.count)
        #expect(summary.agentDown == [.init(start: at(70), end: at(100), open: false)])
        #expect(summary.globalActions == [.init(time: at(120), action: "quit", user: "alice")])
        let task = try #require(summary.tasks.first)
        #expect(summary.tasks.count == 1)
        #expect(task.protectedSeconds == 60 + 4)  // 40→100, then 116→120 (open at the end)
        #expect(task.workSeconds == 100)
        #expect(task.unprotectedDuringWorkSeconds == 40)  // 10→40 and 100→110
        #expect(task.errors == [.init(code: "ThrottlingException", span: .init(start: at(50), end: at(65), open: false)),
                                 .init(code: "RequestCanceled", span: .init(start: at(118), end: at(120), open: true))])
        #expect(task.lapses == [at(100)])
        #expect(task.actions == [.init(time: at(115), action: "protect 120m", user: "alice")])
        let text = summary.rendered(file: "drill.jsonl")
        #expect(text.contains("protected                 1m04s of 2m00s"))
        #expect(text.contains("unprotected while working 40s of 1m40s of work"))
        #expect(text.contains("ThrottlingException for 15s (00:00:50.000 to 00:01:05.000)"))
        #expect(text.contains("RequestCanceled for 2s (00:01:58.000 to the end, still going)"))
        #expect(text.contains("00:01:55.000  protect 120m by alice"))
    }

    @Test func theSummaryNeverPrintsControlCharacters() {
        let records = [TimelineRecord(time: start, taskArn: "arn\u{1B}]0;owned\u{07}", label: "w\r", kind: .operatorAction,
                                      fields: ["action": "\u{1B}[2J", "user": "eve\u{9B}"])]
        let text = TimelineSummary(records: records).rendered(file: "f\u{1B}")
        #expect(!text.unicodeScalars.contains { $0.properties.generalCategory == .control && $0 != "\n" })
    }

    @Test func theWriterAppendsOneLinePerRecord() throws {
        let directory = try scratchDirectory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let path = directory + "/events.jsonl"
        for round in 0..<2 {
            let writer = try TimelineWriter(path: path)
            for index in 0..<3 { writer.record(TimelineRecord(time: start, kind: .scenarioStep, fields: ["step": "\(round * 3 + index)"])) }
            writer.close()
            writer.record(TimelineRecord(time: start, kind: .scenarioStep))
            #expect(writer.failedWrites == 1)
        }
        let contents = try TimelineReader.read(path: path)
        #expect(contents.problems.isEmpty)
        #expect(contents.records.map { $0.fields["step"] } == ["0", "1", "2", "3", "4", "5"])
        let attributes = try FileManager.default.attributesOfItem(atPath: path)
        #expect((attributes[.posixPermissions] as? Int) == 0o600)
        #expect(throws: TimelineWriter.OpenError.self) { try TimelineWriter(path: directory + "/missing/dir/events.jsonl") }
    }
}

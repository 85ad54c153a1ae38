import Foundation
import Testing

/// The one-shot commands against an agent that sends what the real one never would.
@Suite struct HostileAgentTests {
    /// Text a terminal would act on: clear screen, retitle, clipboard write (OSC 52), CR/LF, a C1
    /// CSI, DEL and a right-to-left override.
    static let hostile = "a\u{1B}[2J\u{1B}]0;pwned\u{07}\u{1B}]52;c;aGVsbG8=\u{07}\r\nX\u{9B}31m\u{7F}\u{202E}z"

    static func json(_ text: String) -> String {
        let data = try! JSONSerialization.data(withJSONObject: [text], options: [])
        return String(decoding: data.dropFirst().dropLast(), as: UTF8.self)
    }

    /// No byte or code point a terminal acts on, other than the newlines that end lines.
    static func expectInert(_ output: String, sourceLocation: SourceLocation = #_sourceLocation) {
        let unsafe = output.unicodeScalars.filter { scalar in
            scalar != "\n" && (scalar.value < 0x20 || (0x7F...0x9F).contains(scalar.value)
                || [0x061C, 0x200E, 0x200F, 0x2028, 0x2029].contains(scalar.value)
                || (0x202A...0x202E).contains(scalar.value) || (0x2066...0x2069).contains(scalar.value))
        }
        #expect(unsafe.isEmpty, "raw control characters in output: \(output.debugDescription)", sourceLocation: sourceLocation)
    }

    static func hostileReplies(_ path: String) -> HostileAgent.Reply {
        let text = json(hostile)
        let body: String
        var status = 200
        var contentType = "application/json"
        switch path.split(separator: "/").dropFirst().first ?? "" {
        case "protection":
            body = #"{"protection":{"ExpirationDate":null,"ProtectionEnabled":true,"TaskArn":\#(text)}}"#
        case "failure":
            body = #"{"failure":{"Arn":\#(text),"Detail":\#(text),"Reason":\#(text)}}"#
        case "error":
            status = 400
            body = #"{"requestID":\#(text),"error":{"Arn":\#(text),"Code":\#(text),"Message":\#(text)}}"#
        case "date":
            body = #"{"protection":{"ExpirationDate":\#(text),"ProtectionEnabled":true,"TaskArn":"arn"}}"#
        case "limit":
            status = 429
            contentType = "text/plain; charset=utf-8"
            body = hostile
        default:
            status = 200
            body = "\u{1B}[2J" + hostile
        }
        return .response(status: status, contentType: contentType, body: Array(body.utf8))
    }

    @Test func agentTextCannotReachTheTerminalRawInTablesOrJSON() async throws {
        let agent = try HostileAgent(reply: Self.hostileReplies)
        defer { agent.stop() }
        let paths = ["protection", "failure", "error", "date", "limit", "garbage"]
        let arguments = paths.flatMap { ["--endpoint", agent.agentURI($0)] }

        let table = try await runECSProtect(["get", "--timeout", "10"] + arguments)
        #expect(table.status == 2, "\(table.standardError)")
        Self.expectInert(table.standardOutput)
        // A header and one line per target: CR/LF in a field cannot break a row. (What to do about
        // the problems follows the table, after a blank line.)
        let rows = table.standardOutput.components(separatedBy: "\n\nhints:\n")[0]
        #expect(rows.split(separator: "\n").count == 1 + paths.count, "\(table.standardOutput)")
        #expect(table.standardOutput.contains(#"\x1b[2J"#), "escapes are shown, visibly")

        let json = try await runECSProtect(["get", "--json", "--timeout", "10"] + arguments)
        Self.expectInert(json.standardOutput)
        let objects = try parseReport(json)
        // The JSON still carries the agent's text exactly, as \u escapes.
        #expect((objects[0]["protection"] as? [String: Any])?["TaskArn"] as? String == Self.hostile)
        #expect((objects[1]["failure"] as? [String: Any])?["Reason"] as? String == Self.hostile)
        #expect(objects[2]["requestID"] as? String == Self.hostile)
        #expect(json.standardOutput.contains(#"\u001b"#) && json.standardOutput.contains(#"\u009b"#)
                && json.standardOutput.contains(#"\u202e"#) && json.standardOutput.contains(#"\u007f"#))
    }

    @Test func endpointsAndLabelsWithControlCharactersAreUsageErrors() async throws {
        for argument in ["web\u{1B}[2J=http://127.0.0.1:1/api/x", "http://127.0.0.1:1/api/x\u{1B}]0;t\u{07}",
                         "http://127.0.0.1:1/api/\u{202E}x", "http://%zz/api"] {
            let result = try await runECSProtect(["get", "--endpoint", argument])
            #expect(result.status == 64, "\(argument.debugDescription): \(result.standardError)")
            Self.expectInert(result.standardError)
            #expect(result.standardOutput.isEmpty)
        }
        let unknown = try await runECSProtect(["get", "--\u{1B}[2Jbogus"])
        #expect(unknown.status == 64)
        Self.expectInert(unknown.standardError)
    }

    @Test func protectionIsBelievedOnlyWithStatus200() async throws {
        let protection = #"{"protection":{"ExpirationDate":null,"ProtectionEnabled":true,"TaskArn":"arn"}}"#
        let agent = try HostileAgent { path in
            // The id is `status-NNN` or `both-NNN`: the status to answer with.
            let id = path.split(separator: "/").first { $0.hasPrefix("status-") || $0.hasPrefix("both-") } ?? ""
            let status = Int(id.split(separator: "-").last ?? "") ?? 200
            let body = path.contains("both") ? #"{"protection":{"ProtectionEnabled":true,"TaskArn":"arn"},"failure":{"Reason":"X"}}"# : protection
            return .response(status: status, contentType: "application/json", body: Array(body.utf8))
        }
        defer { agent.stop() }
        for id in ["status-500", "status-400", "status-302", "status-999", "both-200"] {
            let result = try await runECSProtect(["get", "--json", "--endpoint", agent.agentURI(id)])
            #expect(result.status == 2, "\(id): \(result.standardOutput)")
            let object = try #require(try parseReport(result).first)
            let error = object["error"] as? [String: Any]
            #expect(error?["Code"] as? String == "UnexpectedResponse", "\(id): \(object)")
            #expect((error?["Message"] as? String)?.hasPrefix("HTTP \(id.split(separator: "-").last!)") == true)
            #expect(object["protection"] == nil)
        }
    }

    @Test func aConnectionClosedMidBodyIsConnectionReset() async throws {
        let agent = try HostileAgent { _ in
            .raw(Array("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 500\r\n\r\n{\"protection\":".utf8))
        }
        defer { agent.stop() }
        let result = try await runECSProtect(["get", "--json", "--endpoint", agent.agentURI("cut")])
        #expect(result.status == 2)
        let error = try #require(try parseReport(result).first?["error"] as? [String: Any])
        #expect(error["Code"] as? String == "ConnectionReset", "\(error)")
    }

    @Test func writeErrorsAreExitStatus74WithOneLineOnStandardError() async throws {
        let agent = try HostileAgent { _ in
            .response(status: 200, contentType: "application/json",
                      body: Array(#"{"protection":{"ExpirationDate":null,"ProtectionEnabled":false,"TaskArn":"arn"}}"#.utf8))
        }
        defer { agent.stop() }
        let endpoint = ["--endpoint", agent.agentURI("ok")]
        for (arguments, output) in [(["get", "--json"] + endpoint, ChildOutput.path("/dev/full")),
                                    (["get"] + endpoint, .closed),
                                    (["unprotect"] + endpoint, .path("/dev/full")),
                                    (["themes"], .path("/dev/full")),
                                    (["get", "--help"], .path("/dev/full"))] {
            let result = try await runECSProtect(arguments, output: output)
            #expect(result.status == 74, "\(arguments) > \(output): \(result.standardError)")
            let lines = result.standardError.split(separator: "\n")
            #expect(lines.count == 1 && lines[0].contains("cannot write"), "\(result.standardError)")
        }
    }

    @Test func hangingTargetsDoNotStarveHealthyOnesInOneShotCommands() async throws {
        let agent = try HostileAgent { path in
            path.contains("hang") ? .hang
                : .response(status: 200, contentType: "application/json",
                            body: Array(#"{"protection":{"ExpirationDate":null,"ProtectionEnabled":false,"TaskArn":"arn"}}"#.utf8))
        }
        defer { agent.stop() }
        let hanging = (0..<16).flatMap { ["--endpoint", agent.agentURI("hang-\($0)")] }
        let healthy = (0..<3).flatMap { ["--endpoint", agent.agentURI("ok-\($0)")] }
        let result = try await runECSProtect(["get", "--json", "--timeout", "5"] + hanging + healthy, timeout: 60)
        let objects = try parseReport(result)
        try #require(objects.count == 19)
        for object in objects.suffix(3) {
            #expect(object["httpStatus"] as? Int == 200, "\(object)")
        }
        for object in objects.prefix(16) {
            #expect((object["error"] as? [String: Any])?["Code"] as? String == "Timeout")
        }
    }
}

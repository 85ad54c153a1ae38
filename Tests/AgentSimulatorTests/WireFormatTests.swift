import Foundation
import Testing
@testable import AgentSimulator

@Suite struct WireFormatTests {
    @Test(arguments: [
        (Int64(1_893_456_000_000), "2030-01-01T00:00:00Z"), (1_893_456_000_500, "2030-01-01T00:00:00.5Z"),
        (1_893_456_000_120, "2030-01-01T00:00:00.12Z"), (1_893_456_000_123, "2030-01-01T00:00:00.123Z"),
        (0, "1970-01-01T00:00:00Z"), (951_782_400_000, "2000-02-29T00:00:00Z"), (-1, "1969-12-31T23:59:59.999Z"),
    ])
    func rfc3339(milliseconds: Int64, expected: String) {
        #expect(WireTime.rfc3339(millisecondsSince1970: milliseconds) == expected)
    }

    @Test func imfFixdate() {
        #expect(WireTime.imfFixdate(millisecondsSince1970: 784_111_777_999) == "Sun, 06 Nov 1994 08:49:37 GMT")
        #expect(WireTime.imfFixdate(millisecondsSince1970: 1_893_456_000_000) == "Tue, 01 Jan 2030 00:00:00 GMT")
    }

    @Test func jsonStringsAreEscapedLikeGo() {
        #expect(JSONText.string("a\"b\\c\n<&>\u{01}\u{2028}") == #""a\"b\\c\n\u003c\u0026\u003e\u0001\u2028""#)
    }

    @Test func decodesRequests() {
        #expect(ProtectionUpdateRequest.decode(Array(#"{"protectionEnabled":true,"EXPIRESINMINUTES":-5}"#.utf8))
            == ProtectionUpdateRequest(protectionEnabled: true, expiresInMinutes: -5))
        #expect(ProtectionUpdateRequest.decode(Array("null".utf8)) == ProtectionUpdateRequest())
        #expect(ProtectionUpdateRequest.decode(Array(#"{"ProtectionEnabled":false,"ProtectionEnabled":true}"#.utf8))?
            .protectionEnabled == true)
        #expect(ProtectionUpdateRequest.decode(Array(#"{"ProtectionEnabled":true,"ExpiresInMinutes":1.0}"#.utf8)) == nil)
        #expect(ProtectionUpdateRequest.decode(Array(#"{"ProtectionEnabled":tru}"#.utf8)) == nil)
        #expect(ProtectionUpdateRequest.decode(Array(#"{"Protection\u0045nabled":true}"#.utf8))?.protectionEnabled == true)
    }

    @Test func parsesFaultKinds() throws {
        #expect(try FaultKind(argument: "ecs-timeout") == .ecsTimeout)
        #expect(try FaultKind(argument: " Throttled ") == .throttled)
        #expect(try FaultKind(argument: "no_credentials") == .noCredentials)
        #expect(throws: FaultParseError.unknownKind("boom")) { try FaultKind(argument: "boom") }
        #expect(FaultParseError.unknownKind("boom").description.hasSuffix(
            "valid kinds: throttled, ecs-timeout, no-credentials, access-denied, task-not-valid, server-error, "
                + "rate-limited, slow, malformed"))
    }

    @Test func parsesFaultAssignments() throws {
        let byIndex = try FaultAssignment(argument: "2=throttled")
        #expect(byIndex == FaultAssignment(task: .index(2), kind: .throttled))
        #expect(try byIndex.resolveIndex(taskCount: 3) == 2)
        #expect(throws: FaultParseError.unknownTask("2", taskCount: 2)) { try byIndex.resolveIndex(taskCount: 2) }
        let byID = try FaultAssignment(argument: "abc-def=slow")
        #expect(try byID.resolveIndex(endpointIDs: ["x", "abc-def"]) == 1)
        #expect(throws: FaultParseError.unknownTask("abc-def", taskCount: 1)) { try byID.resolveIndex(endpointIDs: ["x"]) }
        #expect(throws: FaultParseError.malformedAssignment("throttled")) { try FaultAssignment(argument: "throttled") }
        #expect(throws: FaultParseError.malformedAssignment("=slow")) { try FaultAssignment(argument: "=slow") }
        #expect(throws: FaultParseError.unknownKind("nope")) { try FaultAssignment(argument: "1=nope") }
    }
}

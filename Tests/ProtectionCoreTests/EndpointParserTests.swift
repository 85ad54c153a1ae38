import Testing
@testable import ProtectionCore
import SafeText

@Suite struct EndpointParserTests {
    @Test func agentURIAndFullStateURLGiveTheSameEndpoint() throws {
        let plain = try EndpointParser.parse("http://169.254.170.2/api/abc-123")
        let full = try EndpointParser.parse("http://169.254.170.2/api/abc-123/task-protection/v1/state")
        #expect(plain.agentURI == "http://169.254.170.2/api/abc-123")
        #expect(full.agentURI == plain.agentURI)
        #expect(plain.stateURL == "http://169.254.170.2/api/abc-123/task-protection/v1/state")
        #expect(plain.port == 80)
        #expect(plain.endpointID == "abc-123")
        #expect(plain.label == nil)
    }

    @Test func labelsPortsAndIPv6() throws {
        let labelled = try EndpointParser.parse("web-1=http://127.0.0.1:51678/api/id/")
        #expect(labelled.label == "web-1")
        #expect(labelled.displayName == "web-1")
        #expect(labelled.port == 51678)
        #expect(labelled.agentURI == "http://127.0.0.1:51678/api/id")
        let ipv6 = try EndpointParser.parse("HTTP://[::1]:8080/api/x?ignored=1")
        #expect(ipv6.host == "::1")
        #expect(ipv6.agentURI == "http://[::1]:8080/api/x")
        let https = try EndpointParser.parse("https://example.test/api/x")
        #expect(https.port == 443)
    }

    @Test func longIDsAreShortenedForDisplay() throws {
        let endpoint = try EndpointParser.parse("http://h/api/0123456789abcdef0123")
        #expect(endpoint.displayName == "0123456789ab")
    }

    @Test(arguments: [
        ("", EndpointError.empty("")),
        ("=http://h/api/x", .emptyLabel("=http://h/api/x")),
        ("169.254.170.2/api/x", .missingScheme("169.254.170.2/api/x")),
        ("ftp://h/api/x", .unsupportedScheme("ftp://h/api/x", scheme: "ftp")),
        ("http:///api/x", .invalidHost("http:///api/x")),
        ("http://h:0/api/x", .invalidPort("http://h:0/api/x", port: "0")),
        ("http://h:99999/api/x", .invalidPort("http://h:99999/api/x", port: "99999")),
        ("http://h:80a/api/x", .invalidPort("http://h:80a/api/x", port: "80a")),
        ("http://user@h/api/x", .userInfoNotAllowed("http://user@h/api/x")),
        ("http://h/api/a b", .invalidCharacters("http://h/api/a b")),
        ("http://[::1/api/x", .invalidHost("http://[::1/api/x")),
    ])
    func refusesWithAReason(argument: String, expected: EndpointError) {
        #expect(throws: expected) { try EndpointParser.parse(argument) }
        #expect(!expected.description.isEmpty)
    }

    @Test func minutesAreValidatedBeforeSending() throws {
        #expect(throws: ProtectionChangeError.minutesOutOfRange(0)) { try ProtectionChange.protect(minutes: 0) }
        #expect(throws: ProtectionChangeError.minutesOutOfRange(2881)) { try ProtectionChange.protect(minutes: 2881) }
        #expect(throws: ProtectionChangeError.minutesOutOfRange(4_294_967_356)) { try ProtectionChange.protect(minutes: 4_294_967_356) }
        #expect(try ProtectionChange.protect(minutes: 1).jsonBody == #"{"ProtectionEnabled":true,"ExpiresInMinutes":1}"#)
        #expect(try ProtectionChange.protect(minutes: 2880).expiresInMinutes == 2880)
        #expect(try ProtectionChange.protect().jsonBody == #"{"ProtectionEnabled":true}"#)
        #expect(ProtectionChange.unprotect.jsonBody == #"{"ProtectionEnabled":false}"#)
    }
}

@Suite struct EndpointInputHardeningTests {
    @Test(arguments: ["web\u{1B}[2J=http://h/api/x", "http://h/api/x\u{07}", "http://h/api/\u{9B}x",
                      "lab\u{202E}el=http://h/api/x", "http://h/api/x\r"])
    func controlCharactersAreRefused(argument: String) {
        #expect(throws: EndpointError.controlCharacters(argument)) { try EndpointParser.parse(argument) }
        let description = EndpointError.controlCharacters(argument).description
        #expect(!TerminalSafeText.containsUnsafe(description))
    }

    @Test func badPercentEncodingIsRefusedAtParseTime() throws {
        #expect(throws: EndpointError.invalidPercentEncoding("http://%zz/api")) { try EndpointParser.parse("http://%zz/api") }
        #expect(throws: EndpointError.self) { try EndpointParser.parse("http://h/api/%4") }
        _ = try EndpointParser.parse("http://h/api/a%2Fb")
    }

    @Test func listsSkipCommentsAndBlankLinesAndNameTheBadLine() throws {
        let text = "# fleet\n\nweb=http://127.0.0.1:1/api/a\r\n  http://127.0.0.1:1/api/b  \n#http://bad\n"
        let endpoints = try EndpointList.parse(Array(text.utf8), source: "fleet.txt")
        #expect(endpoints.map(\.description) == ["web=http://127.0.0.1:1/api/a", "http://127.0.0.1:1/api/b"])
        let bad = "http://127.0.0.1:1/api/a\nftp://x\n"
        #expect(throws: EndpointList.Problem.self) { try EndpointList.parse(Array(bad.utf8), source: "f") }
        do {
            _ = try EndpointList.parse(Array(bad.utf8), source: "f")
        } catch {
            #expect(error.description.hasPrefix("f:2: "))
        }
    }
}

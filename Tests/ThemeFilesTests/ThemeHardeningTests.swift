import Foundation
import SafeText
import Testing
@testable import TerminalUI
import ThemeFiles

/// Theme files are input like any other: bounded in size, and echoed only inert and short.
@Suite struct ThemeHardeningTests {
    private func write(_ text: String) throws -> String {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("hostile-\(UUID().uuidString).theme").path
        try text.write(toFile: path, atomically: true, encoding: .utf8)
        return path
    }

    @Test func aHugeFileIsRefusedWithoutReadingIt() throws {
        let path = try write("header = " + String(repeating: "x", count: 10 << 20))
        defer { unlink(path) }
        do {
            _ = try ThemeCatalog(environment: [:]).load(nameOrPath: path)
            Issue.record("a 10 MB theme was loaded")
        } catch {
            #expect(error.description.contains("larger than 64 KiB"), "\(error.description)")
            #expect(error.description.count < 400)
        }
    }

    @Test func errorsQuoteAShortInertExcerpt() throws {
        let long = String(repeating: "z", count: 60_000)
        let path = try write("header = \(long)\n")
        defer { unlink(path) }
        do {
            _ = try ThemeCatalog(environment: [:]).load(nameOrPath: path)
            Issue.record("accepted")
        } catch {
            #expect(error.description.count < 400, "\(error.description.count) characters")
        }
        do {
            _ = try ThemeParser.parse(text: "header = bl\u{1B}]0;title\u{07}ue\n", fileName: "evil\u{1B}[2J.theme")
            Issue.record("accepted")
        } catch {
            #expect(!TerminalSafeText.containsUnsafe(error.description), "\(error.description.debugDescription)")
            #expect(error.description.contains(#"\x1b"#))
        }
    }
}

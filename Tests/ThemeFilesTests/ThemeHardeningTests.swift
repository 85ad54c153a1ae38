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

    /// Each refusal names its reason; a byte-order mark is not part of the text.
    @Test func unusableFilesAreRefusedWithTheirReason() throws {
        func reason(_ path: String) -> String? {
            guard case .failure(let error) = ThemeFileReader.source(path: path).text, case .unreadable(let reason) = error.problem else { return nil }
            return reason
        }
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("themes-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: directory) }
        #expect(reason(directory) == "not a regular file")
        #expect(mkfifo(directory + "/fifo.theme", 0o600) == 0)
        #expect(reason(directory + "/fifo.theme") == "not a regular file")
        #expect(reason(directory + "/absent.theme") == "no such file")
        #expect(reason(directory + "/absent/x.theme") == "no such file")
        #expect(FileManager.default.createFile(atPath: directory + "/latin1.theme", contents: Data([0x68, 0xE9, 0x0A])))
        #expect(reason(directory + "/latin1.theme") == "not UTF-8 text")
        #expect(FileManager.default.createFile(atPath: directory + "/exact.theme", contents: Data(repeating: 0x23, count: ThemeFileReader.maximumFileBytes)))
        #expect(reason(directory + "/exact.theme") == nil)
        #expect(FileManager.default.createFile(atPath: directory + "/bom.theme", contents: Data([0xEF, 0xBB, 0xBF] + Array("# x\n".utf8))))
        #expect(try ThemeFileReader.read(path: directory + "/bom.theme") == "# x\n")
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

import FileAccess
import OneShotCommands
import ArgumentParser
import Dashboard
import FoundationEssentials
#if canImport(Glibc)
import Glibc
#endif

/// `ecs-protect keys`: the dashboard's keys in every mode, from the key tables themselves.
struct KeysCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "keys", abstract: "List the dashboard's keys in every mode (Markdown).")

    /// For `scripts/install`: completes the plugin's man page (see ``ManualPage``). Hidden: it is
    /// a build step, not something a user runs.
    @Flag(name: .customLong("manual-page"), help: .hidden)
    var manualPage = false

    /// The largest page read from standard input; the plugin's page is about 40 KiB.
    private static let maximumPageBytes = 4 << 20

    func run() throws {
        guard manualPage else {
            try StandardOutput.write(KeyReference.markdown())
            return
        }
        do {
            let page = try ManualPage.complete(try Self.readPage())
            try StandardOutput.write(page.hasSuffix("\n") ? page : page + "\n")
        } catch let error as ManualPageError {
            StandardError.write("ecs-protect keys --manual-page: \(error)")
            throw ExitCode(ExitStatus.usage)
        }
    }

    /// Standard input as text, refused past ``maximumPageBytes`` or when not UTF-8.
    private static func readPage() throws(ManualPageError) -> String {
        let bytes: [UInt8]
        do {
            bytes = try CheckedFile.readToEnd(STDIN_FILENO, path: "-", limit: maximumPageBytes)
        } catch {
            throw .notText
        }
        guard bytes.count <= maximumPageBytes, let page = String(validating: bytes, as: UTF8.self) else { throw .notText }
        return page
    }
}

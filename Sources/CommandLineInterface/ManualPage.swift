import FoundationEssentials
import Dashboard
import OneShotCommands
import SafeText

/// The man page's sections that swift-argument-parser's generate-manual plugin cannot write:
/// EXIT STATUS from ``ExitStatus/meanings`` (the plugin only says "0 on success, >0 on failure")
/// and KEYS from the dashboard's key tables, so the page lists what `--help` and the dashboard do.
/// `scripts/install` pipes the plugin's page through `ecs-protect keys --manual-page`.
enum ManualPage {
    /// `page`, an mdoc page from the plugin, with its EXIT STATUS section replaced by ours and a
    /// KEYS section before it.
    static func complete(_ page: String) throws(ManualPageError) -> String {
        var lines = page.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        guard let start = lines.firstIndex(where: { sectionTitle($0) == "EXIT STATUS" }) else { throw .noExitStatusSection }
        let end = lines[(start + 1)...].firstIndex { sectionTitle($0) != nil } ?? lines.endIndex
        lines.replaceSubrange(start..<end, with: keysSection + exitStatusSection)
        return lines.joined(separator: "\n")
    }

    /// `.Sh KEYS`: one list per key mode, in the order `ecs-protect keys` prints them.
    static var keysSection: [String] {
        var lines = [".Sh KEYS",
                     text("The dashboard's keys in every mode, from its key table: ecs-protect keys prints them too, "
                          + "and ? shows them in the dashboard. Ctrl-C quits from any mode.")]
        for mode in KeyMode.allCases {
            lines += [".Ss " + words(mode.title), ".Bl -tag -width 16n -compact"]
            for binding in KeyBindings.table(for: mode) {
                let condition = binding.demoOnly ? " (demo)" : binding.sendsPut ? " (not under --read-only)" : ""
                lines += [".It " + words(binding.label), text(binding.description + condition)]
            }
            lines.append(".El")
        }
        return lines
    }

    /// `.Sh EXIT STATUS`: every status with its meaning.
    static var exitStatusSection: [String] {
        [".Sh EXIT STATUS",
         text("With several targets the worst status wins: 2 over 1 over 4 over 0."),
         ".Bl -tag -width 6n -compact"]
            + ExitStatus.meanings.flatMap { [".It " + words($0.status), text($0.meaning)] }
            + [".El"]
    }

    /// The title of an `.Sh` line (quotes removed), or nil for any other line.
    private static func sectionTitle(_ line: String) -> String? {
        guard line.hasPrefix(".Sh ") else { return nil }
        return line.dropFirst(4).filter { $0 != "\"" }.trimmingHorizontalWhitespace()
    }

    /// A text line: backslashes escaped, and a zero-width start so a leading `.` or `'` is text.
    private static func text(_ value: String) -> String {
        "\\&" + value.replacingEvery("\\", with: "\\e")
    }

    /// Macro arguments, each word marked as text so none is read as a macro name (`No`, `Ar`, …).
    private static func words(_ value: String) -> String {
        value.split(separator: " ").map { "\\&" + $0.replacingEvery("\\", with: "\\e") }.joined(separator: " ")
    }
}

/// Why a page cannot be completed.
enum ManualPageError: Error, CustomStringConvertible {
    case noExitStatusSection
    case notText

    var description: String {
        switch self {
        case .noExitStatusSection: "the page on standard input has no EXIT STATUS section (.Sh \"EXIT STATUS\")"
        case .notText: "standard input is not a UTF-8 man page of at most 4 MiB"
        }
    }
}

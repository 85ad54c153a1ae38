import Dashboard
import Foundation
import TerminalUI
import Testing

/// Compares a rendered frame with a text file under `Goldens/`: the text grid, then a parallel
/// grid with one letter per cell for its role. `UPDATE_GOLDENS=1` rewrites the files.
enum GoldenFrame {
    static let letters: [StyleRole: Character] = [
        .text: ".", .muted: "m", .header: "H", .footer: "f", .border: "b", .selection: "s",
        .marked: "k", .helpKey: "y", .protected: "P", .expiringSoon: "E", .lapsed: "L",
        .unprotected: "U", .pending: "N", .failure: "F", .error: "X", .stale: "S",
        .dialog: "d", .dangerousDialog: "D", .readOnlyBadge: "R", .demoBadge: "M",
        .selectedProtected: "p", .selectedExpiringSoon: "e", .selectedLapsed: "l", .selectedUnprotected: "u",
        .selectedPending: "n", .selectedFailure: "i", .selectedError: "x", .selectedStale: "t",
    ]

    static var directory: URL {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Goldens")
    }

    /// The file's contents for `frame`.
    static func text(of frame: Frame, name: String) -> String {
        var lines = ["# \(name): \(frame.width)x\(frame.height) text, each row between | marks"]
        lines += frame.textLines.map { "|\($0)|" }
        lines.append("# roles, one letter per cell (a wide character takes two)")
        for y in 0..<frame.height {
            let row = (0..<frame.width).map { letters[frame[$0, y].role] ?? "?" }
            lines.append("|" + String(row) + "|")
        }
        let legend = StyleRole.allCases.map { "\(letters[$0] ?? "?")=\($0.rawValue)" }.joined(separator: " ")
        lines.append("# legend: \(legend)")
        return lines.joined(separator: "\n") + "\n"
    }

    /// The state `build` makes at each of `sizes` (width, height), drawn and checked against
    /// `Goldens/<name>-<width>x<height>.txt`; `inspect` sees each state first.
    static func check(_ name: String, sizes: [(Int, Int)], sourceLocation: SourceLocation = #_sourceLocation,
                      inspect: (DashboardState) -> Void = { _ in }, _ build: (Int, Int) -> DashboardState) {
        for (width, height) in sizes {
            let state = build(width, height)
            inspect(state)
            check(DashboardRenderer.render(state), "\(name)-\(width)x\(height)", sourceLocation: sourceLocation)
        }
    }

    static func check(_ frame: Frame, _ name: String, sourceLocation: SourceLocation = #_sourceLocation) {
        check(text: text(of: frame, name: name), name, sourceLocation: sourceLocation)
    }

    /// Compares `actual` with `Goldens/<name>.txt`; `name` may include a subdirectory (`themes/mono-80x24`).
    static func check(text actual: String, _ name: String, sourceLocation: SourceLocation = #_sourceLocation) {
        let file = directory.appendingPathComponent("\(name).txt")
        if ProcessInfo.processInfo.environment["UPDATE_GOLDENS"] == "1" {
            do {
                try FileManager.default.createDirectory(at: file.deletingLastPathComponent(), withIntermediateDirectories: true)
                try actual.write(to: file, atomically: true, encoding: .utf8)
            } catch {
                Issue.record("could not write \(file.path): \(error)", sourceLocation: sourceLocation)
            }
            return
        }
        guard let expected = try? String(contentsOf: file, encoding: .utf8) else {
            Issue.record("missing golden \(file.path); run with UPDATE_GOLDENS=1 to create it", sourceLocation: sourceLocation)
            return
        }
        if expected != actual {
            Issue.record("frame differs from \(name).txt:\n\(diff(expected: expected, actual: actual))", sourceLocation: sourceLocation)
        }
    }

    /// Each differing line as `-` expected / `+` actual, with its line number.
    static func diff(expected: String, actual: String) -> String {
        let old = expected.components(separatedBy: "\n")
        let new = actual.components(separatedBy: "\n")
        var out: [String] = []
        for index in 0..<max(old.count, new.count) {
            let left = index < old.count ? old[index] : "<none>"
            let right = index < new.count ? new[index] : "<none>"
            if left != right { out += ["line \(index + 1):", "- \(left)", "+ \(right)"] }
        }
        return out.joined(separator: "\n")
    }
}

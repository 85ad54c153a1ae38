import FileAccess
import FoundationEssentials
import SafeText

/// Reads a JSON Lines timeline file; lines that are not records are reported, not fatal (a file
/// cut by a crash ends in a partial line, and a review should still happen).
public enum TimelineReader {
    /// The records read and the problems met.
    public struct Contents: Sendable {
        /// Records in file order.
        public var records: [TimelineRecord]
        /// `file:line: what is wrong`, one per skipped line (at most 20 kept, then a count).
        public var problems: [String]
    }

    /// Files larger than this are refused.
    public static let maximumBytes = 256 << 20

    /// Reads the file at `path`.
    /// - Throws: a ``TimelineReadError`` when the file cannot be read at all.
    public static func read(path: String) throws(TimelineReadError) -> Contents {
        let data: [UInt8]
        do {
            // A regular file only: a FIFO would block the open, a directory fail with a foreign error.
            data = try CheckedFile.contents(of: path, limit: maximumBytes)
        } catch where error.tooLarge {
            throw TimelineReadError(message: "\(path): larger than \(maximumBytes >> 20) MiB")
        } catch {
            throw TimelineReadError(message: "\(path): cannot read the file (\(error.reason))")
        }
        return parse(String(decoding: data, as: UTF8.self), file: path)
    }

    /// Parses timeline text; `file` is only used in messages.
    public static func parse(_ text: String, file: String) -> Contents {
        var records: [TimelineRecord] = []
        var problems: [String] = []
        var skipped = 0
        for (offset, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            if line.allSatisfy({ $0 == " " || $0 == "\r" || $0 == "\t" }) { continue }
            if let record = TimelineRecord(jsonLine: line) {
                records.append(record)
            } else {
                skipped += 1
                if problems.count < 20 {
                    problems.append(TerminalSafeText.inert("\(file):\(offset + 1): not a timeline record (expected one JSON object with time and kind)"))
                }
            }
        }
        if skipped > problems.count { problems.append("\(skipped - problems.count) more lines skipped") }
        return Contents(records: records, problems: problems)
    }
}

/// A timeline file that cannot be read.
public struct TimelineReadError: Error, CustomStringConvertible {
    /// What went wrong, with the path.
    public var message: String

    public var description: String { TerminalSafeText.inert(message) }
}

import FoundationEssentials
import ProtectionCore
import SafeText

/// The readable table printed by the one-shot commands without `--json`.
public enum ReportTable {
    public static func render(_ reports: [TargetReport]) -> String {
        let header = ["TARGET", "HTTP", "STATE", "EXPIRES IN", "EXPIRATION (UTC)", "DETAIL"]
        // Every cell is agent- or operator-supplied text: made inert so no row can carry an escape
        // sequence or a line break.
        let rows = reports.map { row($0).map(TerminalSafeText.inert) }
        let widths = header.indices.map { column in
            ([header[column]] + rows.map { $0[column] }).map(\.count).max() ?? 0
        }
        let lines = ([header] + rows).map { cells in
            cells.indices.map { column in
                column == cells.count - 1 ? cells[column] : cells[column].paddedWithSpaces(to: widths[column])
            }.joined(separator: "  ").trimmingTrailingSpaces()
        }
        return lines.joined(separator: "\n") + "\n" + hints(reports)
    }

    /// One line per distinct hint under the table, naming the targets it concerns.
    private static func hints(_ reports: [TargetReport]) -> String {
        var order: [String] = []
        var targets: [String: [String]] = [:]
        for report in reports {
            guard let hint = report.hint else { continue }
            if targets[hint] == nil { order.append(hint) }
            targets[hint, default: []].append(report.targetName)
        }
        guard !order.isEmpty else { return "" }
        return "\nhints:\n" + order.map { hint in
            let names = targets[hint] ?? []
            let shown = names.prefix(3).joined(separator: ", ") + (names.count > 3 ? " and \(names.count - 3) more" : "")
            return "  \(shown): \(hint)\n"
        }.joined()
    }

    private static func row(_ report: TargetReport) -> [String] {
        let target = report.targetName
        let status = report.response.httpStatus.map(String.init) ?? "-"
        switch report.response.result {
        case .protection(let protection):
            let remaining = report.response.secondsRemainingAtReceipt.map { CountdownText.format(seconds: $0) } ?? "-"
            // Enabled with an expiry at or before the answer's own time: protected no longer.
            let expired = protection.enabled && protection.expirationDate.map { $0 <= report.response.answeredAt } == true
            return [target, status, expired ? "EXPIRED" : protection.enabled ? "PROTECTED" : "UNPROTECTED",
                    protection.enabled ? remaining : "-", protection.expirationDateText ?? "-", protection.taskArn]
        case .failure(let failure):
            let detail = [failure.detail, failure.arn].compactMap { $0 }.joined(separator: " ")
            return [target, status, "FAILURE", "-", "-", "\(failure.reason ?? "failure")\(detail.isEmpty ? "" : ": \(detail)")"]
        case .error(let error):
            let request = error.requestID.map { " (requestID \($0))" } ?? ""
            return [target, status, "ERROR", "-", "-", "\(error.code): \(error.message)\(request)"]
        case .rateLimited(let message):
            return [target, status, "RATE-LIMITED", "-", "-", message]
        case .transport(let problem):
            return [target, status, "UNREACHABLE", "-", "-", "\(problem.code): \(problem.message)"]
        }
    }
}

extension String {
    public func trimmingTrailingSpaces() -> String {
        var text = self
        while text.hasSuffix(" ") { text.removeLast() }
        return text
    }
}

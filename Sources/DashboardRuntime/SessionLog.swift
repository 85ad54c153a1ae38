import Dashboard
import Logging
import ProtectionCore

/// What the dashboard decided to do, in the log file: each operator action that reaches the
/// network or the screen, with the tasks it concerns.
enum SessionLog {
    /// Logs `effect`, naming its tasks with `name` (a row's label or task ID: an endpoint list is
    /// empty when the tasks come from the ECS API).
    static func record(_ effect: DashboardEffect, name: (TargetID) -> String, to logger: Logger) {
        func names(_ targets: [TargetID]) -> String {
            targets.map(name).joined(separator: ",")
        }
        switch effect {
        case .refresh(let targets):
            logger.info("refresh", metadata: ["targets": "\(targets.map(names) ?? "all")"])
        case .put(let change, let targets):
            let what = change.enabled ? "protect \(change.expiresInMinutes ?? ProtectionChange.defaultMinutes) min" : "unprotect"
            logger.info("\(what)", metadata: ["targets": "\(names(targets))"])
        case .renew(let change, let targets):
            logger.info("keep-protected renewal \(change.expiresInMinutes ?? ProtectionChange.defaultMinutes) min",
                        metadata: ["targets": "\(names(targets))"])
        case .alert(let target, let alert):
            logger.info("\(alert == .lapsed ? "lapse" : "expiring soon") alert", metadata: ["targets": "\(names([target]))"])
        case .setFault(let target, let kind):
            logger.info("simulator fault \(kind ?? "cleared")", metadata: ["targets": "\(names([target]))"])
        case .setAgentDown(let down):
            logger.info(down ? "simulator agent taken down" : "simulator agent brought back")
        case .applyTheme(let index):
            logger.debug("theme \(index)")
        case .replay(let control):
            logger.debug("replay \(control)")
        case .saveHiddenColumns(let names):
            logger.info("columns hidden: \(names.isEmpty ? "none" : names.joined(separator: ","))")
        case .quit:
            logger.info("quit requested")
        }
    }
}

import AgentSimulator
import FoundationEssentials
import ProtectionCore
import SafeText

/// Walks the composed YAML tree; every check names the line of the node it looks at.
struct ScenarioDocumentReader {
    let file: String

    private static let stepActions = ["fault", "agent", "ecs-api", "advance", "skew", "work", "scale", "deploy", "note"]

    func scenario(_ root: YAMLNode) throws(ScenarioError) -> Scenario {
        let top = try mapping(root, what: "the scenario", allowed: ["name", "description", "services", "tasks", "steps"])
        guard let nameNode = top["name"] else { throw error(root, "missing 'name' (the scenario's title)") }
        let name = try text(nameNode, what: "name", maximumLength: 80)
        let summary = try top["description"].map { node throws(ScenarioError) in try text(node, what: "description", maximumLength: 2000) } ?? ""
        let desired = try top["services"].map { node throws(ScenarioError) in try services(node) } ?? (counts: [:], lines: [])
        guard let tasksNode = top["tasks"] else { throw error(root, "missing 'tasks' (the simulated tasks, at least one)") }
        let tasks = try self.tasks(tasksNode)
        let knownServices = Set(tasks.map(\.service))
        for (service, line) in desired.lines where !knownServices.contains(service) {
            throw ScenarioError(file: file, line: line, message: "service '\(service)' has no task (services with tasks: \(knownServices.sorted().joined(separator: ", ")))")
        }
        let world = Scenario(name: name, summary: summary, tasks: tasks, desiredCounts: desired.counts, steps: [])
        guard let stepsNode = top["steps"] else { throw error(root, "missing 'steps' (the timeline; it may be an empty list: steps: [])") }
        let steps = try self.steps(stepsNode, world: world)
        return Scenario(name: name, summary: summary, tasks: tasks, desiredCounts: desired.counts, steps: steps)
    }

    // MARK: Sections

    private func services(_ node: YAMLNode) throws(ScenarioError) -> (counts: [String: Int], lines: [(String, Int)]) {
        guard case .mapping(let map, _) = node else { throw error(node, "'services' must map a service name to its desired count, e.g. 'web: 3'") }
        var counts: [String: Int] = [:]
        var lines: [(String, Int)] = []
        for (key, value) in map {
            let name = try identifier(key, what: "a service name")
            guard counts[name] == nil else { throw error(key, "service '\(name)' appears twice") }
            counts[name] = try integer(value, what: "the desired count of '\(name)'", range: 0...10_000)
            lines.append((name, line(key)))
        }
        return (counts, lines)
    }

    private func tasks(_ node: YAMLNode) throws(ScenarioError) -> [Scenario.Task] {
        guard case .sequence(let items, _) = node, !items.isEmpty else {
            throw error(node, "'tasks' must be a list with at least one task ('- label: web-1')")
        }
        guard items.count <= ScenarioParser.maximumTasks else {
            throw error(node, "\(items.count) tasks; at most \(ScenarioParser.maximumTasks)")
        }
        var tasks: [Scenario.Task] = []
        for item in items {
            let fields = try mapping(item, what: "a task", allowed: ["label", "service", "protected", "fault"])
            guard let labelNode = fields["label"] else { throw error(item, "a task needs a 'label'") }
            let label = try identifier(labelNode, what: "a task label")
            if tasks.contains(where: { $0.label == label }) { throw error(labelNode, "task label '\(label)' appears twice") }
            let service = try fields["service"].map { node throws(ScenarioError) in try identifier(node, what: "a service name") } ?? "app"
            var protectedFor: Double?
            if let node = fields["protected"] {
                let value = try scalar(node, what: "'protected'")
                if !["no", "false", "off"].contains(value.lowercased()) {
                    guard let seconds = ScenarioDuration.seconds(value), seconds > 0, seconds <= 2880 * 60 else {
                        throw error(node, "'protected' must be how long is left, 1s to 48h (e.g. 115m), or 'no'; got '\(value)'")
                    }
                    protectedFor = seconds
                }
            }
            let fault = try fields["fault"].map { node throws(ScenarioError) in try faultKind(node) } ?? nil
            tasks.append(Scenario.Task(label: label, service: service, protectedFor: protectedFor, fault: fault))
        }
        return tasks
    }

    private func steps(_ node: YAMLNode, world: Scenario) throws(ScenarioError) -> [ScenarioStep] {
        guard case .sequence(let items, _) = node else { throw error(node, "'steps' must be a list of steps ('- at: 30s')") }
        guard items.count <= ScenarioParser.maximumSteps else {
            throw error(node, "\(items.count) steps; at most \(ScenarioParser.maximumSteps)")
        }
        var steps: [ScenarioStep] = []
        for item in items {
            steps.append(try step(item, world: world))
        }
        return steps
    }

    private func step(_ node: YAMLNode, world: Scenario) throws(ScenarioError) -> ScenarioStep {
        let fields = try mapping(node, what: "a step",
                                 allowed: ["at"] + Self.stepActions + ["task", "service", "all", "for", "minutes", "desired"])
        guard let atNode = fields["at"] else { throw error(node, "a step needs 'at' (e.g. 'at: 30s')") }
        let atText = try scalar(atNode, what: "'at'")
        guard let at = ScenarioDuration.seconds(atText), at >= 0, at <= ScenarioParser.maximumTime else {
            throw error(atNode, "'at' must be a time from the start, 0s to 24h (e.g. 30s, 2m, 1h5m); got '\(atText)'")
        }
        let actions = Self.stepActions.filter { fields[$0] != nil }
        guard actions.count == 1, let actionKey = actions.first, let actionNode = fields[actionKey] else {
            let found = actions.isEmpty ? "none" : actions.joined(separator: ", ")
            throw error(node, "a step does exactly one of: \(Self.stepActions.joined(separator: ", ")) (found: \(found))")
        }
        let extras = try extraFields(fields, action: actionKey, node: node)
        let action: ScenarioAction
        switch actionKey {
        case "fault":
            let value = try scalar(actionNode, what: "'fault'")
            var kind: FaultKind?
            if !["none", "clear"].contains(value) { kind = try faultKind(actionNode) }
            action = .fault(kind, try target(fields, node: node, world: world))
        case "agent":
            action = .agentDown(try upDown(actionNode, what: "'agent'"))
        case "ecs-api":
            action = .ecsAPIDown(try upDown(actionNode, what: "'ecs-api'"))
        case "advance":
            let value = try scalar(actionNode, what: "'advance'")
            guard let seconds = ScenarioDuration.seconds(value), seconds > 0, seconds <= ScenarioParser.maximumTime else {
                throw error(actionNode, "'advance' moves the simulator's clock forward by 1s to 24h (e.g. 10m); got '\(value)'")
            }
            action = .advanceClock(seconds: seconds)
        case "skew":
            let value = try scalar(actionNode, what: "'skew'")
            guard let seconds = ScenarioDuration.seconds(value), abs(seconds) <= 7 * ScenarioParser.maximumTime else {
                throw error(actionNode, "'skew' is how far the simulator's clock runs ahead (or behind, with '-'), up to 7 days (e.g. -90s); got '\(value)'")
            }
            action = .skewClock(seconds: seconds)
        case "work":
            let label = try identifier(actionNode, what: "the task a job runs on")
            guard world.taskIndex(label: label) != nil else { throw unknownTask(label, actionNode, world: world) }
            guard let forNode = extras["for"] else { throw error(node, "a work step needs 'for' (how long the job runs, e.g. 'for: 4m')") }
            let forText = try scalar(forNode, what: "'for'")
            guard let seconds = ScenarioDuration.seconds(forText), seconds > 0, seconds <= ScenarioParser.maximumTime else {
                throw error(forNode, "'for' must be how long the job runs, 1s to 24h; got '\(forText)'")
            }
            let minutes = try extras["minutes"].map { node throws(ScenarioError) in
                try integer(node, what: "'minutes' (the protection the worker asks for)", range: ProtectionChange.minutesRange)
            } ?? max(1, min(ProtectionChange.minutesRange.upperBound, Int((seconds / 60).rounded(.up)) + 5))
            action = .work(task: label, seconds: seconds, minutes: minutes)
        case "scale":
            let service = try identifier(actionNode, what: "the service to scale")
            guard world.tasks.contains(where: { $0.service == service }) else {
                throw error(actionNode, "no task belongs to service '\(service)'")
            }
            guard let desiredNode = extras["desired"] else { throw error(node, "a scale step needs 'desired' (the new desired count)") }
            action = .scale(service: service, desired: try integer(desiredNode, what: "'desired'", range: 0...10_000))
        case "deploy":
            let service = try identifier(actionNode, what: "the service to deploy")
            guard world.tasks.contains(where: { $0.service == service }) else {
                throw error(actionNode, "no task belongs to service '\(service)'")
            }
            action = .deploy(service: service)
        default:
            action = .note(try text(actionNode, what: "'note'", maximumLength: 200))
        }
        return ScenarioStep(at: at, action: action, line: line(node))
    }

    /// The fields a step carries beside its action; a field another action needs is refused here.
    private func extraFields(_ fields: [String: YAMLNode], action: String, node: YAMLNode) throws(ScenarioError) -> [String: YAMLNode] {
        let allowed: Set<String> = switch action {
        case "fault": ["task", "service", "all"]
        case "work": ["for", "minutes"]
        case "scale": ["desired"]
        default: []
        }
        for key in ["task", "service", "all", "for", "minutes", "desired"] where fields[key] != nil && !allowed.contains(key) {
            throw error(fields[key] ?? node, "'\(key)' does not go with '\(action)'")
        }
        return fields.filter { allowed.contains($0.key) }
    }

    private func target(_ fields: [String: YAMLNode], node: YAMLNode, world: Scenario) throws(ScenarioError) -> ScenarioTarget {
        let given = ["task", "service", "all"].filter { fields[$0] != nil }
        guard given.count == 1, let key = given.first, let value = fields[key] else {
            throw error(node, "a fault step names exactly one of 'task: LABEL', 'service: NAME' or 'all: true'")
        }
        switch key {
        case "task":
            let label = try identifier(value, what: "a task label")
            guard world.taskIndex(label: label) != nil else { throw unknownTask(label, value, world: world) }
            return .task(label)
        case "service":
            let name = try identifier(value, what: "a service name")
            guard world.tasks.contains(where: { $0.service == name }) else { throw error(value, "no task belongs to service '\(name)'") }
            return .service(name)
        default:
            guard try scalar(value, what: "'all'") == "true" else { throw error(value, "'all' can only be 'true'") }
            return .all
        }
    }

    // MARK: Values

    private func mapping(_ node: YAMLNode, what: String, allowed: [String]) throws(ScenarioError) -> [String: YAMLNode] {
        guard case .mapping(let map, _) = node else { throw error(node, "\(what) must be a set of 'key: value' lines") }
        var fields: [String: YAMLNode] = [:]
        for (key, value) in map {
            guard case .scalar(let name, _) = key else { throw error(key, "a key must be plain text") }
            guard allowed.contains(name) else {
                throw error(key, "unknown key '\(TerminalSafeText.excerpt(name, limit: 40))' in \(what) (expected: \(allowed.joined(separator: ", ")))")
            }
            guard fields[name] == nil else { throw error(key, "'\(name)' appears twice in \(what)") }
            fields[name] = value
        }
        return fields
    }

    private func scalar(_ node: YAMLNode, what: String) throws(ScenarioError) -> String {
        guard case .scalar(let value, _) = node else { throw error(node, "\(what) must be a single value, not a list or a map") }
        return value
    }

    private func text(_ node: YAMLNode, what: String, maximumLength: Int) throws(ScenarioError) -> String {
        let value = try scalar(node, what: what)
        guard value.count <= maximumLength else { throw error(node, "\(what) is longer than \(maximumLength) characters") }
        if value.unicodeScalars.contains(where: { $0.properties.generalCategory == .control && $0 != "\n" }) {
            throw error(node, "\(what) contains control characters")
        }
        return value
    }

    private func identifier(_ node: YAMLNode, what: String) throws(ScenarioError) -> String {
        let value = try scalar(node, what: what)
        let allowed = value.unicodeScalars.allSatisfy { scalar in
            ("a"..."z").contains(scalar) || ("A"..."Z").contains(scalar) || ("0"..."9").contains(scalar) || "-_.:".unicodeScalars.contains(scalar)
        }
        guard !value.isEmpty, value.count <= 40, allowed else {
            throw error(node, "\(what) must be 1 to 40 letters, digits, '-', '_', '.' or ':'; got '\(TerminalSafeText.excerpt(value, limit: 40))'")
        }
        return value
    }

    private func integer(_ node: YAMLNode, what: String, range: ClosedRange<Int>) throws(ScenarioError) -> Int {
        let value = try scalar(node, what: what)
        guard value.count <= 9, let number = Int(value), range.contains(number) else {
            throw error(node, "\(what) must be a whole number from \(range.lowerBound) to \(range.upperBound); got '\(TerminalSafeText.excerpt(value, limit: 40))'")
        }
        return number
    }

    private func upDown(_ node: YAMLNode, what: String) throws(ScenarioError) -> Bool {
        switch try scalar(node, what: what) {
        case "down": return true
        case "up": return false
        case let other: throw error(node, "\(what) is 'down' or 'up'; got '\(TerminalSafeText.excerpt(other, limit: 40))'")
        }
    }

    private func faultKind(_ node: YAMLNode) throws(ScenarioError) -> FaultKind? {
        let value = try scalar(node, what: "'fault'")
        if ["none", "no"].contains(value) { return nil }
        guard let kind = FaultKind(rawValue: value) else {
            throw error(node, "unknown fault '\(TerminalSafeText.excerpt(value, limit: 40))' (expected: \(FaultKind.allCases.map(\.rawValue).joined(separator: ", ")), or none)")
        }
        return kind
    }

    private func unknownTask(_ label: String, _ node: YAMLNode, world: Scenario) -> ScenarioError {
        let known = world.tasks.prefix(10).map(\.label).joined(separator: ", ") + (world.tasks.count > 10 ? ", …" : "")
        return error(node, "no task labelled '\(label)' (tasks: \(known))")
    }

    private func line(_ node: YAMLNode) -> Int {
        node.line
    }

    private func error(_ node: YAMLNode, _ message: String) -> ScenarioError {
        ScenarioError(file: file, line: line(node), message: message)
    }
}

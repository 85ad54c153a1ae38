import AWSAccess
import Dashboard
import ProtectionCore
import TOMLKit

/// Turns the text of a config file into a ``ConfigFile``, refusing anything it does not use:
/// unknown keys, wrong types, values out of range, and keys reserved for later features.
public struct ConfigReader {
    private let text: String
    private let path: String
    private let lines: KeyLineIndex

    public init(text: String, path: String) {
        self.text = text
        self.path = path
        lines = KeyLineIndex(text: text)
    }

    public func read() throws(ConfigError) -> ConfigFile {
        let root: TOMLTable
        do {
            root = try TOMLTable(string: text)
        } catch let error as TOMLParseError {
            throw ConfigError(location: ConfigLocation(path: path, line: error.source.begin.line),
                              message: "not valid TOML: \(DisplaySafe.text(error.description))")
        } catch {
            throw ConfigError(location: ConfigLocation(path: path, line: nil),
                              message: "not valid TOML: \(DisplaySafe.text(String(describing: error)))")
        }

        var file = ConfigFile(path: path, dashboard: DashboardDefaults(), targetSets: [])
        for key in root.keys.sorted() {
            guard let value = root[key] else { continue }
            switch key {
            case "dashboard":
                file.dashboard = try readDashboardOptions(try table(value, at: ["dashboard"]), at: ["dashboard"], allowing: [])
            case "targets":
                let sets = try table(value, at: ["targets"])
                for name in sets.keys.sorted() {
                    guard let set = sets[name] else { continue }
                    file.targetSets.append(try readTargetSet(name: name, set))
                }
            default:
                throw error(at: [key], "unknown key \(DisplaySafe.quoted(key)) (expected [dashboard] or [targets.NAME])")
            }
        }
        return file
    }

    private func readTargetSet(name: String, _ value: any TOMLValueConvertible) throws(ConfigError) -> TargetSet {
        let path = ["targets", name]
        guard TargetSet.isValidName(name) else {
            throw error(at: path, "target set name \(DisplaySafe.quoted(name)) must be 1-64 letters, digits, '.', '_' or '-'")
        }
        let set = try table(value, at: path)
        let defaults = try readDashboardOptions(set, at: path, allowing: TargetSet.keys)
        let selectionKeys = ConfiguredECSSelection.keys.filter { set[$0] != nil }
        if set["endpoints"] != nil, let key = selectionKeys.first {
            throw error(at: path + [key], "[targets.\(name)] give endpoints or cluster, not both: a set reaches its tasks one way")
        }
        if !selectionKeys.isEmpty {
            return TargetSet(name: name, line: lineOf(path) ?? 1, endpoints: nil,
                             ecs: try readECSSelection(set, name: name), defaults: defaults)
        }
        guard let endpointsValue = set["endpoints"] else {
            throw error(at: path, "[targets.\(name)] needs endpoints = [\"label=URI\", …] or cluster = \"name\"")
        }
        let endpointsPath = path + ["endpoints"]
        let endpointsLine = lineOf(endpointsPath)
        guard let array = endpointsValue.array else {
            throw error(at: endpointsPath, "[targets.\(name)] endpoints must be a list of strings, like [\"web-1=http://…\"], not \(describe(endpointsValue))")
        }
        guard !array.isEmpty else {
            throw error(at: endpointsPath, "[targets.\(name)] endpoints is empty: list at least one \"label=URI\"")
        }
        var endpoints: [Endpoint] = []
        for element in array {
            guard let argument = element.string else {
                throw error(at: endpointsPath, "[targets.\(name)] endpoints must hold strings (\"label=URI\"), not \(describe(element))")
            }
            do {
                endpoints.append(try EndpointParser.parse(argument))
            } catch {
                let line = lines.line(ofString: argument, from: endpointsLine ?? 1) ?? endpointsLine
                throw ConfigError(location: ConfigLocation(path: self.path, line: line),
                                  message: "[targets.\(name)] endpoint \(DisplaySafe.quoted(argument)): \(DisplaySafe.text(error.description))")
            }
        }
        return TargetSet(name: name, line: lineOf(path) ?? 1,
                         endpoints: ConfiguredValue(value: endpoints, line: endpointsLine ?? 1),
                         ecs: nil, defaults: defaults)
    }

    /// The ECS API keys of a target set: `cluster` is required, `service` and `task` take a string
    /// or a list of strings, the others one string.
    private func readECSSelection(_ set: TOMLTable, name: String) throws(ConfigError) -> ConfiguredECSSelection {
        let path = ["targets", name]
        func single(_ key: String) throws(ConfigError) -> ConfiguredValue<String>? {
            guard let value = set[key] else { return nil }
            guard let text = value.string, ConfiguredECSSelection.isValidName(text) else {
                throw error(at: path + [key], "[targets.\(name)] \(key) must be a non-empty name without spaces or control characters, not \(describe(value))")
            }
            return ConfiguredValue(value: text, line: lineOf(path + [key]) ?? 1)
        }
        func list(_ key: String) throws(ConfigError) -> ConfiguredValue<[String]>? {
            guard let value = set[key] else { return nil }
            let elements: [any TOMLValueConvertible] = value.array.map { Array($0) } ?? [value]
            var names: [String] = []
            for element in elements {
                guard let text = element.string, ConfiguredECSSelection.isValidName(text) else {
                    throw error(at: path + [key], "[targets.\(name)] \(key) must be a name or a list of names without spaces or control characters, not \(describe(element))")
                }
                names.append(text)
            }
            guard !names.isEmpty else {
                throw error(at: path + [key], "[targets.\(name)] \(key) is an empty list: name at least one, or leave the key out")
            }
            return ConfiguredValue(value: names, line: lineOf(path + [key]) ?? 1)
        }
        // One cluster as a string, or several as a list: one dashboard on all of them.
        let clusters: ConfiguredValue<[String]>? = set["cluster"]?.array != nil ? try list("cluster") : try single("cluster").map {
            ConfiguredValue(value: [$0.value], line: $0.line)
        }
        guard let clusters, let first = clusters.value.first else {
            let key = ConfiguredECSSelection.keys.first { set[$0] != nil } ?? "cluster"
            throw error(at: path + [key], "[targets.\(name)] \(key) needs cluster = \"name\" (the ECS API is reached per cluster)")
        }
        for value in clusters.value {
            do {
                _ = try ClusterReference(parsing: value)
            } catch {
                throw self.error(at: path + ["cluster"], "[targets.\(name)] cluster: \(error.message.replacing("--cluster ", with: ""))")
            }
        }
        var selection = ConfiguredECSSelection(
            cluster: ConfiguredValue(value: first, line: clusters.line), services: try list("service"), tasks: try list("task"),
            containerInstance: try single("container-instance"), region: try single("region"), profile: try single("profile"))
        selection.clusters = clusters.value
        if clusters.value.count > 1, selection.tasks != nil || selection.containerInstance != nil {
            throw error(at: path + ["cluster"], "[targets.\(name)] task and container-instance name one cluster's tasks: list one cluster with them")
        }
        return selection
    }

    /// Reads the dashboard options of a table; any key neither an option nor in `otherKeys` is an error.
    private func readDashboardOptions(_ table: TOMLTable, at path: [String], allowing otherKeys: [String]) throws(ConfigError) -> DashboardDefaults {
        let section = path.joined(separator: ".")
        var defaults = DashboardDefaults()
        for key in table.keys.sorted() {
            guard let value = table[key] else { continue }
            let keyPath = path + [key]
            let line = lineOf(keyPath) ?? 1
            switch key {
            case "theme":
                guard let theme = value.string, !theme.isEmpty else {
                    throw error(at: keyPath, "[\(section)] theme must be a theme name or a path to a .theme file, not \(describe(value))")
                }
                defaults.theme = ConfiguredValue(value: theme, line: line)
            case "interval":
                let interval = try number(value, at: keyPath, in: DashboardLimits.interval, "[\(section)] interval (seconds between two polls of one task)")
                defaults.interval = ConfiguredValue(value: interval, line: line)
            case "max-rps":
                let rate = try number(value, at: keyPath, in: DashboardLimits.maxRequestsPerSecond, "[\(section)] max-rps (requests per second across all tasks)")
                defaults.maxRequestsPerSecond = ConfiguredValue(value: rate, line: line)
            case "read-only":
                defaults.readOnly = ConfiguredValue(value: try boolean(value, at: keyPath, "[\(section)] read-only"), line: line)
            case "alert-before":
                let minutes = try number(value, at: keyPath, in: DashboardLimits.alertBefore, "[\(section)] alert-before (minutes before an expiry that a task alerts)")
                defaults.alertBefore = ConfiguredValue(value: minutes, line: line)
            case "bell":
                defaults.bell = ConfiguredValue(value: try boolean(value, at: keyPath, "[\(section)] bell"), line: line)
            case "hidden-columns":
                let names = TableColumn.allCases.map(\.rawValue).joined(separator: ", ")
                guard let array = value.array, array.count <= TableColumn.allCases.count else {
                    throw error(at: keyPath, "[\(section)] hidden-columns must be a list of column names (\(names)), not \(describe(value))")
                }
                var hidden: Set<TableColumn> = []
                for element in Array(array) {
                    guard let name = element.string, let column = TableColumn(rawValue: name) else {
                        throw error(at: keyPath, "[\(section)] hidden-columns: \(describe(element)) is not a column (\(names))")
                    }
                    hidden.insert(column)
                }
                defaults.hiddenColumns = ConfiguredValue(value: hidden, line: line)
            default:
                if otherKeys.contains(key) { continue }
                let expected = (DashboardDefaults.keys + otherKeys).sorted().joined(separator: ", ")
                throw error(at: keyPath, "[\(section)] unknown key \(DisplaySafe.quoted(key)) (expected one of: \(expected))")
            }
        }
        return defaults
    }

    private func table(_ value: any TOMLValueConvertible, at path: [String]) throws(ConfigError) -> TOMLTable {
        guard let table = value.table else {
            throw error(at: path, "\(path.map { DisplaySafe.text($0) }.joined(separator: ".")) must be a table, not \(describe(value))")
        }
        return table
    }

    /// `value` as a boolean, or an error naming `what` and what was there instead.
    private func boolean(_ value: any TOMLValueConvertible, at path: [String], _ what: String) throws(ConfigError) -> Bool {
        guard let boolean = value.bool else { throw error(at: path, "\(what) must be true or false, not \(describe(value))") }
        return boolean
    }

    private func number(_ value: any TOMLValueConvertible, at path: [String], in range: ClosedRange<Double>, _ what: String) throws(ConfigError) -> Double {
        let number: Double? = value.double ?? value.int.map(Double.init)
        guard let number, number.isFinite else {
            throw error(at: path, "\(what) must be a number, not \(describe(value))")
        }
        guard range.contains(number) else {
            throw error(at: path, "\(what) must be between \(Self.format(range.lowerBound)) and \(Self.format(range.upperBound)), got \(Self.format(number))")
        }
        return number
    }

    /// What kind of value this is, with the value itself when it is short and scalar.
    private func describe(_ value: any TOMLValueConvertible) -> String {
        switch value.type {
        case .string: "the string \(DisplaySafe.quoted(value.string ?? ""))"
        case .int: "the integer \(value.int.map(String.init) ?? "?")"
        case .double: "the number \(value.double.map(Self.format) ?? "?")"
        case .bool: value.bool == true ? "true" : "false"
        case .array: "a list"
        case .table: "a table"
        case .date, .time, .dateTime: "a date or time"
        }
    }

    private static func format(_ number: Double) -> String {
        number == number.rounded() && abs(number) < 1e15 ? String(Int(number)) : String(number)
    }

    private func lineOf(_ path: [String]) -> Int? { lines.line(of: path) }

    private func error(at path: [String], _ message: String) -> ConfigError {
        ConfigError(location: ConfigLocation(path: self.path, line: lineOf(path)), message: message)
    }
}

import ArgumentParser
import FileAccess
import FoundationEssentials
#if canImport(Glibc)
import Glibc
#endif
import ProtectionCore
import SafeText

/// `--endpoint [label=]URI` (repeatable) and `--endpoints-from FILE|-`, with `$ECS_AGENT_URI` as
/// the default target.
///
/// Resolved when the command runs, not while arguments are parsed: an unknown argument is then
/// reported as such (not as "no endpoint"), and a list on standard input is read once.
struct EndpointOptions: ParsableArguments {
    @Option(name: .customLong("endpoint"),
            help: ArgumentHelp("A task's ECS_AGENT_URI, or the full URL ending in /task-protection/v1/state, optionally labelled name=URI. Repeatable. Default: $ECS_AGENT_URI.",
                               valueName: "[label=]URI"))
    var endpoints: [String] = []

    @Option(name: .customLong("endpoints-from"),
            help: ArgumentHelp("Read endpoints from a file (- for standard input): one [label=]URI per line, # comments. Use it for thousands of targets.",
                               valueName: "file|-"))
    var endpointsFrom: String?

    /// The endpoints given (`--endpoint` first, then the list), or `$ECS_AGENT_URI`; throws a usage
    /// error naming the bad argument or `file:line`.
    func resolve(environment: [String: String] = ProcessInfo.processInfo.environment) throws -> [Endpoint] {
        var parsed: [Endpoint] = []
        let arguments = EndpointArguments.collected + endpoints
        parsed.reserveCapacity(arguments.count)
        for argument in arguments {
            do {
                parsed.append(try EndpointParser.parse(argument))
            } catch {
                throw ValidationError(error.description)
            }
        }
        if let source = endpointsFrom {
            do {
                parsed += try EndpointList.parse(try Self.read(source), source: source)
            } catch let problem as EndpointList.Problem {
                throw ValidationError(problem.description)
            }
        }
        if parsed.isEmpty, endpointsFrom == nil, let fromEnvironment = environment["ECS_AGENT_URI"], !fromEnvironment.isEmpty {
            do {
                parsed = [try EndpointParser.parse(fromEnvironment)]
            } catch {
                throw ValidationError("ECS_AGENT_URI: \(error.description)")
            }
        }
        guard !parsed.isEmpty else {
            if let source = endpointsFrom {
                throw ValidationError("\(TerminalSafeText.inert(source)): no endpoint in the list")
            }
            throw ValidationError("no endpoint: pass --endpoint [label=]URI or --endpoints-from FILE, set ECS_AGENT_URI (it is set inside ECS tasks), pass --cluster C to use the ECS API, or try `ecs-protect demo`")
        }
        return parsed
    }

    /// The list's bytes, at most one byte past the size limit so a huge file is refused, not read.
    private static func read(_ source: String) throws -> [UInt8] {
        let descriptor: Int32
        if source == "-" {
            descriptor = STDIN_FILENO
        } else {
            // A regular file only (a pipe is `-`): a FIFO would block the open.
            do {
                descriptor = try CheckedFile.openForReading(source)
            } catch {
                let reason = error.reason == "No such file or directory" ? "no such file" : "cannot be read (\(error.reason))"
                throw EndpointList.Problem(source: source, line: nil, reason: reason)
            }
        }
        defer { if descriptor != STDIN_FILENO { close(descriptor) } }
        do {
            return try CheckedFile.readToEnd(descriptor, path: source, limit: EndpointList.maximumBytes)
        } catch {
            throw EndpointList.Problem(source: source, line: nil, reason: "cannot be read (not a regular file?)")
        }
    }
}

import OneShotCommands
import ArgumentParser
import CTerminalSupport
import FoundationEssentials
#if canImport(Glibc)
import Glibc
#endif
import ProtectionCore

/// The `ecs-protect` command line: the root command and its subcommands.
public struct ECSProtect: AsyncParsableCommand {
    public static let configuration = CommandConfiguration(
        commandName: "ecs-protect",
        abstract: "Watch and change Amazon ECS task scale-in protection.",
        discussion: """
            Exit status (several targets: the worst wins, 2 over 1 over 4 over 0):
            \(ExitStatus.summary)

            Dashboard keys: `ecs-protect keys` lists every mode's keys; ? shows them in the dashboard.
            """,
        version: ProductVersion.current,
        subcommands: [WatchCommand.self, DemoCommand.self, GetCommand.self, ProtectCommand.self, UnprotectCommand.self,
                      SimulateCommand.self, ThemesCommand.self, ScenariosCommand.self, KeysCommand.self, ConfigCommand.self,
                      TimelineCommand.self, DoctorCommand.self, ReplayCommand.self],
        defaultSubcommand: WatchCommand.self
    )

    public init() {}

    /// Parses and runs like ArgumentParser's own `main`, but every message it prints is made inert
    /// (an unknown option is echoed back, and it is operator input) and help goes through the
    /// checked writer, so a failed write is exit 74 here too. `--endpoint` options are collected
    /// before parsing (see ``EndpointArguments``).
    public static func launch() async {
        // Display widths (`wcwidth`) need a UTF-8 LC_CTYPE: the user's locale when it is UTF-8,
        // else C.UTF-8. Selected once, here, before anything measures or draws text.
        ecs_ensure_utf8_ctype()
        // A write past the file size limit (`ulimit -f`) fails with EFBIG and is reported like
        // any failed write, instead of killing the process with SIGXFSZ mid-record.
        signal(SIGXFSZ, SIG_IGN)
        var command: any ParsableCommand
        do {
            // The async parse, as ArgumentParser's own `main` uses: with the synchronous one the
            // dashboard missed termination signals in the end-to-end tests.
            command = try await parse(EndpointArguments.extract(from: Array(CommandLine.arguments.dropFirst())))
        } catch {
            report(error, usage: nil)
        }
        do {
            if var asyncCommand = command as? any AsyncParsableCommand {
                try await asyncCommand.run()
            } else {
                try command.run()
            }
        } catch let error as ValidationError {
            // Endpoints are resolved when the command runs; their usage errors still show the
            // subcommand's own usage line, as errors found while parsing do.
            let subcommand = type(of: command)
            let name = subcommand.configuration.commandName.map { "ecs-protect \($0)" } ?? "ecs-protect"
            report(error, usage: "Usage: \(usageString(for: subcommand))\n  See '\(name) --help' for more information.")
        } catch {
            report(error, usage: nil)
        }
        Glibc.exit(0)
    }

    /// The command `arguments` name, parsed. A one-shot command that comes first (`get`,
    /// `protect`, `unprotect`: what scripts run many times a minute) is parsed on its own, which
    /// spares building every other command's options (a third of a `get`'s CPU went there,
    /// mostly the runtime's first conformance lookups). Anything that parse refuses, help and
    /// mistakes included, goes through the whole tree, so messages name `ecs-protect get` as before.
    static func parse(_ arguments: [String]) async throws -> any ParsableCommand {
        // Only the command itself is taken from that parse: for `--help` it returns a help
        // command of its own, whose text would name it as a program.
        if let name = arguments.first, let oneShot = oneShotCommand(named: name),
           let command = try? await oneShot.asyncParseAsRoot(Array(arguments.dropFirst())),
           ObjectIdentifier(type(of: command)) == ObjectIdentifier(oneShot) {
            return command
        }
        return try await asyncParseAsRoot(arguments)
    }

    private static func oneShotCommand(named name: String) -> (any AsyncParsableCommand.Type)? {
        switch name {
        case GetCommand.configuration.commandName: GetCommand.self
        case ProtectCommand.configuration.commandName: ProtectCommand.self
        case UnprotectCommand.configuration.commandName: UnprotectCommand.self
        default: nil
        }
    }

    /// Prints what ArgumentParser would for `error` (inert; help to standard output, checked) and exits.
    private static func report(_ error: any Error, usage: String?) -> Never {
        let status = exitCode(for: error).rawValue
        let message = usage.map { "Error: \(error)\n\($0)" } ?? fullMessage(for: error)
        if status == 0 {
            if !message.isEmpty {
                do { try StandardOutput.write(message.hasSuffix("\n") ? message : message + "\n") } catch {
                    Glibc.exit(ExitStatus.outputFailed)
                }
            }
        } else if !message.isEmpty {
            StandardError.write(message)
        }
        Glibc.exit(status)
    }
}

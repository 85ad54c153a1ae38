import ArgumentParser
@testable import CommandLineInterface
import Testing

/// The command line's rules, checked by parsing as the binary does, without starting it: one way
/// of naming targets at a time, option ranges, and the subcommands the root knows.
@Suite struct CommandParsingTests {
    private static let endpoint = "http://127.0.0.1:1/api/task-a"

    /// The message ArgumentParser would print for what `arguments` parse to (empty when it parses).
    private func parseError(_ arguments: [String]) -> String {
        do {
            _ = try ECSProtect.parseAsRoot(arguments)
            return ""
        } catch {
            return ECSProtect.message(for: error)
        }
    }

    @Test func aTargetSetExcludesEndpointsAndClustersInEveryCommandThatTakesOne() {
        for command in ["watch", "get", "protect", "unprotect"] {
            #expect(parseError([command, "prod", "--endpoint", Self.endpoint])
                == "give a target set NAME or --endpoint/--endpoints-from, not both (NAME was 'prod')", "\(command)")
            #expect(parseError([command, "prod", "--cluster", "c"]) == "give a target set NAME or --cluster, not both (NAME was 'prod')",
                    "\(command)")
        }
        #expect(parseError(["config", "prod", "--endpoint", Self.endpoint]).isEmpty,
                "config resolves its targets when it runs, through the same rule")
    }

    @Test func oneShotCommandsParseOnTheirOwnAndAnythingElseGoesThroughTheWholeTree() async throws {
        let get = try #require(try await ECSProtect.parse(["get", "--json", "--endpoint", Self.endpoint]) as? GetCommand)
        #expect(get.options.json)
        #expect(try await ECSProtect.parse(["unprotect", "--endpoint", Self.endpoint]) is UnprotectCommand)
        // Help is the whole tree's, naming the program: the shortcut's own help would name `get` alone.
        let help = try await ECSProtect.parse(["get", "--help"])
        #expect(!(help is GetCommand))
        #expect(ECSProtect.helpMessage(for: GetCommand.self).contains("USAGE: ecs-protect get"))
        // A mistake is reported as before, with the command's full name.
        do {
            _ = try await ECSProtect.parse(["get", "--bogus"])
            Issue.record("an unknown option parsed")
        } catch {
            #expect(ECSProtect.fullMessage(for: error).contains("Usage: ecs-protect get"))
        }
        do {
            _ = try await ECSProtect.parse(["protect", "--minutes", "0", "--endpoint", Self.endpoint])
            Issue.record("0 minutes parsed")
        } catch {
            #expect(ECSProtect.message(for: error) == "expires-in minutes must be between 1 and 2880, got 0")
        }
    }

    @Test func dashboardSettingsOutsideTheirRangesAreRefusedWithTheRange() {
        #expect(parseError(["watch", "--interval", "0.1"]) == "--interval must be between 0.5 and 3600 seconds, got 0.1")
        #expect(parseError(["watch", "--max-rps", "5000"]) == "--max-rps must be between 0.1 and 1000, got 5000.0")
        #expect(parseError(["watch", "--interval", "3", "--max-rps", "2"]).isEmpty)
    }

    @Test func watchIsTheDefaultSubcommandAndEveryCommandIsReachableByName() throws {
        #expect(try ECSProtect.parseAsRoot(["--endpoint", Self.endpoint]) is WatchCommand)
        for name in ["watch", "demo", "get", "protect", "unprotect", "simulate", "themes", "scenarios", "keys", "config", "timeline", "doctor"] {
            let found = ECSProtect.configuration.subcommands.contains { $0.configuration.commandName == name }
            #expect(found, "\(name)")
        }
    }

    @Test func aMisspeltOptionsValueIsNamedWhenItReadsAsATargetSet() {
        // ArgumentParser checks the rules before it reports the unknown option, so the message
        // must at least show the stray value.
        #expect(parseError(["get", "--endpoint", Self.endpoint, "--intervall", "3"])
            == "give a target set NAME or --endpoint/--endpoints-from, not both (NAME was '3')")
    }

    @Test func aDemoOnSeveralRegionsReadsThemThroughTheECSAPIOnly() {
        #expect(parseError(["demo", "--source", "ecs", "--regions", "2"]).isEmpty)
        #expect(parseError(["demo", "--regions", "2"]) == "--regions goes with --source ecs, without --scenario")
        #expect(parseError(["demo", "--source", "ecs", "--regions", "2", "--scenario", "seeded-story"])
            == "--regions goes with --source ecs, without --scenario")
        #expect(parseError(["demo", "--source", "ecs", "--regions", "5"]) == "--regions must be between 1 and 4, got 5")
    }

    @Test func anUnknownOptionIsRefusedNotIgnored() {
        #expect(parseError(["get", "--interval", "3"]).contains("Unknown option '--interval'"),
                "one-shot commands take no poll interval")
    }

    @Test func clustersAreRepeatableAndEachIsReadAsProfileRegionAndName() throws {
        let watch = try #require(try ECSProtect.parseAsRoot(
            ["watch", "--cluster", "prod@us-east-1/web", "--cluster", "arn:aws:ecs:eu-west-1:123456789012:cluster/web",
             "--cluster", "api", "--region", "us-west-2", "--profile", "ops", "--service", "web"]) as? WatchCommand)
        let references = watch.ecs.references
        #expect(references.map(\.text) == ["prod@us-east-1/web", "eu-west-1/web", "api"])
        #expect(references.map(watch.ecs.region(of:)) == ["us-east-1", "eu-west-1", "us-west-2"])
        #expect(references.map(watch.ecs.profile(of:)) == ["prod", "ops", "ops"])
        #expect(references.map { watch.ecs.selection(of: $0).services } == [["web"], ["web"], ["web"]])
        #expect(watch.ecs.selection(of: references[1]).cluster == "arn:aws:ecs:eu-west-1:123456789012:cluster/web",
                "an ARN is sent as it is")
    }

    @Test func malformedClustersAndOneClustersOptionsWithSeveralAreRefused() {
        #expect(parseError(["watch", "--cluster", "nowhere/web"])
            == "--cluster nowhere/web: 'nowhere' is not a region (like us-east-1); the form is [PROFILE@][REGION/]CLUSTER")
        #expect(parseError(["watch", "--cluster", "a", "--cluster", "b", "--task", "0123"])
            == "--task and --container-instance name one cluster's tasks: give them with one --cluster")
        for command in ["get", "protect", "unprotect"] {
            #expect(parseError([command, "--cluster", "a", "--cluster", "us-east-1/a"])
                == "one-shot commands act on one cluster at a time: give --cluster once (the dashboard, watch, takes several)", "\(command)")
        }
        #expect(parseError(["watch", "--cluster", "a", "--cluster", "us-east-1/a"]).isEmpty)
    }
}

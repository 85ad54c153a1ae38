import ArgumentParser
import OneShotCommands

/// `ecs-protect doctor`: which credentials, region, endpoint and identity are in use, the clock
/// against AWS, and which ECS actions the caller may use.
struct DoctorCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "doctor",
        abstract: "Check AWS access: credentials, region, endpoint, identity, clock and each ECS action.",
        discussion: """
            Probes never touch a real task: list calls ask for one result, the protection calls \
            name a made-up task id (UpdateTaskProtection disabling protection), and a MISSING \
            answer proves the call was allowed. Exit 0 when everything works, 1 when an action is \
            denied or the identity or clock is wrong, 64 when no region or credentials are usable.
            """)

    @Option(name: .long, help: ArgumentHelp("The cluster the probes name (default: default).", valueName: "name|arn"))
    var cluster: String?

    @Option(name: .long, help: "AWS region (default: AWS_REGION, AWS_DEFAULT_REGION, the profile's region).")
    var region: String?

    @Option(name: .long, help: "Profile of ~/.aws/config and ~/.aws/credentials (default: AWS_PROFILE, else default).")
    var profile: String?

    @Flag(name: .long, help: "One JSON document instead of text.")
    var json = false

    func validate() throws {
        for (name, value) in [("--cluster", cluster), ("--region", region), ("--profile", profile)] {
            if let value, value.isEmpty || value.count > 1600 || value.unicodeScalars.contains(where: { $0.value < 0x21 || $0.value == 0x7f }) {
                throw ValidationError("\(name) must be a non-empty name without spaces or control characters")
            }
        }
    }

    func run() async throws {
        throw ExitCode(try await DoctorRunner.run(cluster: cluster, region: region, profile: profile, json: json))
    }
}

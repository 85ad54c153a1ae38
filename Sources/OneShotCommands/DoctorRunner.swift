import AWSAccess
import FoundationEssentials

/// `ecs-protect doctor`: runs ``AccessDoctor`` with this process's settings and prints its report.
public enum DoctorRunner {
    /// Prints the report (text, or one JSON document) and returns the exit status: 0 when
    /// everything works, 1 when an action is denied, the identity or the clock is wrong, 64 when
    /// no region or credentials could be found (an expired sign-in among them).
    public static func run(cluster: String?, region: String?, profile: String?, json: Bool) async throws -> Int32 {
        let environment = AWSEnvironment.current()
        let transport: PooledHTTPTransport
        do {
            transport = try PooledHTTPTransport(environment: environment)
        } catch {
            StandardError.write(error.message)
            return ExitStatus.usage
        }
        let report = await AccessDoctor(environment: environment, profile: profile, region: region, cluster: cluster,
                                        transport: transport).run()
        await transport.shutdown()
        try StandardOutput.write(json ? jsonText(report) : report.text)
        return status(of: report)
    }

    /// The exit status a report earns.
    public static func status(of report: AccessReport) -> Int32 {
        if report.problem != nil { return ExitStatus.usage }
        return report.isHealthy ? ExitStatus.success : ExitStatus.answeredWithProblem
    }

    /// The report as one JSON document and a newline.
    public static func jsonText(_ report: AccessReport) -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        let data = (try? encoder.encode(report)) ?? Data("{}".utf8)
        return String(decoding: data, as: UTF8.self) + "\n"
    }
}

import DashboardRuntime
import AWSAccess
import Foundation
import ProtectionCore

/// Resolves what the dashboard needs to watch a cluster through the ECS API, or says in one line
/// why it cannot (exit 64): no credentials, a bad profile, an unknown region.
enum ECSWatchSetup {
    static func source(options: ECSSelectionOptions, polling: MonitorConfiguration) async -> Result<ECSDashboardSource, ECSSetupError> {
        guard let selection = options.selection else { return .failure(ECSSetupError(message: "--cluster is missing")) }
        return await source(selection: selection, region: options.region, profile: options.profile, polling: polling)
    }

    /// The same for a selection from anywhere (the command line or a target set of the config file).
    static func source(selection: ECSTaskSelection, region: String?, profile: String?,
                       polling: MonitorConfiguration) async -> Result<ECSDashboardSource, ECSSetupError> {
        let environment = AWSEnvironment.current()
        let transport: AsyncHTTPTransport
        do {
            transport = try AsyncHTTPTransport(environment: environment)
        } catch {
            return .failure(ECSSetupError(message: error.message))
        }
        do {
            let access = try await ECSAccess.resolve(
                environment: environment, profile: profile, region: region, transport: transport)
            try await access.checkCredentials()
            return .success(ECSDashboardSource(
                client: access.client, transport: transport, selection: selection,
                configuration: ECSMonitorConfiguration(polling: polling)))
        } catch {
            await transport.shutdown()
            return .failure(ECSSetupError(message: error.message))
        }
    }
}

/// Why the ECS API cannot be used, in one line.
struct ECSSetupError: Error, CustomStringConvertible {
    let message: String
    var description: String { message }
}

import FoundationEssentials
import Logging
import ProtectionCore

/// A ``ProtectionTransport`` that logs each request and what came back, then passes it on.
struct LoggedTransport: ProtectionTransport {
    let base: any ProtectionTransport
    let logger: Logger

    var preferredExecutor: (any TaskExecutor)? { base.preferredExecutor }

    func send(_ request: ProtectionRequest, to endpoint: Endpoint) async -> ProtectionResponse {
        let target: Logger.Metadata = ["target": "\(endpoint.displayName)", "url": "\(endpoint.stateURL)"]
        switch request {
        case .get:
            logger.debug("GET", metadata: target)
        case .put(let change):
            logger.info("PUT \(change.jsonBody)", metadata: target)
        }
        let response = await base.send(request, to: endpoint)
        var metadata = target
        metadata["ms"] = "\(Int((response.receivedAt.timeIntervalSince(response.sentAt) * 1000).rounded()))"
        if let status = response.httpStatus { metadata["status"] = "\(status)" }
        let outcome = Self.describe(response.result)
        if case .protection = response.result, case .get = request {
            logger.debug("\(request.method) answered: \(outcome)", metadata: metadata)
        } else if response.result.problemCode == nil {
            logger.info("\(request.method) answered: \(outcome)", metadata: metadata)
        } else {
            logger.warning("\(request.method) answered: \(outcome)", metadata: metadata)
        }
        return response
    }

    private static func describe(_ result: ProtectionResult) -> String {
        switch result {
        case .protection(let protection):
            guard protection.enabled else { return "unprotected" }
            return "protected until \(protection.expirationDateText ?? "an unknown time")"
        case .failure(let failure):
            return "failure \(failure.reason ?? "?"): \(failure.detail ?? "")"
        case .error(let error):
            return "error \(error.code): \(error.message)"
        case .rateLimited(let message):
            return "\(ProtectionResult.rateLimitedCode): \(message)"
        case .transport(let problem):
            return "\(problem.code): \(problem.message)"
        }
    }
}

import NIOHTTP1
import ProtectionCore

/// The control listener's routes, served on their own port so they keep working while the agent
/// is down. All bodies are JSON (`application/json`); errors are `{"error":"<message>"}`.
///
/// - `GET /control/tasks` → 200 `{"agentDown":false,"tasks":[<task>…]}`, where `<task>` is
///   `{"index":0,"endpointID":"…","taskArn":"…","agentURI":"…","fault":null|"<kind>",
///   "protectionEnabled":bool,"expirationDate":null|"<RFC 3339>"}`.
/// - `PUT /control/tasks/<index or endpoint-id>/fault` with `{"fault":"throttled"}` (any
///   ``FaultKind`` spelling) or `{"fault":null}` to clear → 200 `<task>`; an unknown kind → 400
///   listing the valid kinds; an unknown task → 404.
/// - `GET /control/agent` → 200 `{"down":bool}`.
/// - `PUT /control/agent` with `{"down":true|false}` → 200 `{"down":bool}` once the listener is
///   closed or re-bound on the same port.
/// - `GET /control/api` → 200 `{"requests":N}`: ECS API requests received so far (this region's).
/// - `GET /control/regions` → 200 `{"regions":[{"region":"us-west-2","down":false,"requests":N}…]}`:
///   every region the ECS API port serves, this simulator's first.
/// - `PUT /control/regions/<region>` with `{"down":true|false}` → 200 `{"region":…,"down":bool,"requests":N}`:
///   takes a region out (every call answered 503) or back; an unknown region → 404.
/// Other paths → 404, other methods on a known path → 405.
///
/// With a ``SimulatorConfiguration/controlToken`` (the default), every call must send
/// `Authorization: Bearer <token>`, else 401: another user of the machine cannot change a run.
struct ControlResponder: Sendable {
    let simulator: AgentSimulator

    func respond(to request: IncomingRequest) -> ScheduledReply {
        if let token = simulator.configuration.controlToken {
            let given = request.headers.last { $0.0.lowercased() == "authorization" }?.1 ?? ""
            guard given.hasPrefix("Bearer "), SimulatorSecret.equal(String(given.dropFirst("Bearer ".count)), token) else {
                var reply = Self.failure(.unauthorized, "the control route needs this run's token: Authorization: Bearer <token> (printed by ecs-protect simulate)")
                reply.headers.append(("Www-Authenticate", "Bearer"))
                return .after(.zero, reply)
            }
        }
        let segments = request.path.split(separator: "/", omittingEmptySubsequences: false).dropFirst().map(String.init)
        let method = request.method
        if segments == ["control", "tasks"] {
            return .after(.zero, method == .GET ? Self.ok(tasksDocument()) : Self.notAllowed(method))
        }
        if segments.count == 4, segments[0] == "control", segments[1] == "tasks", segments[3] == "fault" {
            return .after(.zero, method == .PUT
                ? setFault(task: segments[2], body: request.body) : Self.notAllowed(method))
        }
        if segments == ["control", "api"] {
            return .after(.zero, method == .GET
                ? Self.ok("{\"requests\":\(simulator.ecsAPIRequestCount)}") : Self.notAllowed(method))
        }
        if segments == ["control", "regions"] {
            return .after(.zero, method == .GET ? Self.ok(regionsDocument()) : Self.notAllowed(method))
        }
        if segments.count == 3, segments[0] == "control", segments[1] == "regions" {
            return .after(.zero, method == .PUT ? setRegionDown(segments[2], body: request.body) : Self.notAllowed(method))
        }
        if segments == ["control", "agent"] {
            switch method {
            case .GET: return .after(.zero, Self.ok(Self.agentDocument(down: simulator.isAgentDown)))
            case .PUT: return setAgentDown(body: request.body)
            default: return .after(.zero, Self.notAllowed(method))
            }
        }
        return .after(.zero, Self.failure(.notFound, "no such control route: \(request.path)"))
    }

    private static func notAllowed(_ method: HTTPMethod) -> HTTPReply {
        failure(.methodNotAllowed, "method \(method.rawValue) not allowed here")
    }

    private func setFault(task: String, body: [UInt8]) -> HTTPReply {
        let index = simulator.taskIndex(endpointID: task)
            ?? Int(task).flatMap { simulator.tasks.indices.contains($0) ? $0 : nil }
        guard let index else {
            return Self.failure(.notFound, FaultParseError.unknownTask(task, taskCount: simulator.tasks.count).description)
        }
        guard case .object(let members)? = JSONValue.parseFirst(body),
              let value = members.last(where: { $0.key == "fault" })?.value else {
            return Self.failure(.badRequest, #"expected a body like {"fault":"throttled"} or {"fault":null}"#)
        }
        let fault: FaultKind?
        switch value {
        case .null:
            fault = nil
        case .string(let text):
            do {
                fault = try FaultKind(argument: text)
            } catch {
                return Self.failure(.badRequest, error.description)
            }
        default:
            return Self.failure(.badRequest, "\"fault\" must be a string or null; valid kinds: \(FaultKind.validKindsList)")
        }
        do {
            try simulator.setFault(fault, forTask: index)
        } catch {
            return Self.failure(.notFound, "\(error)")
        }
        guard let snapshot = simulator.tasks.first(where: { $0.index == index }) else {
            return Self.failure(.notFound, "task \(index) disappeared")
        }
        return Self.ok(Self.taskDocument(snapshot))
    }

    private func setAgentDown(body: [UInt8]) -> ScheduledReply {
        guard case .object(let members)? = JSONValue.parseFirst(body),
              case .bool(let down)? = members.last(where: { $0.key == "down" })?.value else {
            return .after(.zero, Self.failure(.badRequest, #"expected a body like {"down":true} or {"down":false}"#))
        }
        let simulator = self.simulator
        return .async {
            do {
                try await simulator.setAgentDown(down)
                return Self.ok(Self.agentDocument(down: simulator.isAgentDown))
            } catch {
                return Self.failure(.internalServerError, "could not change the agent state: \(error)")
            }
        }
    }

    private func setRegionDown(_ region: String, body: [UInt8]) -> HTTPReply {
        guard let regional = simulator.simulator(forRegion: region) else {
            let served = ([simulator.configuration.region] + simulator.regionSimulators.keys.sorted()).joined(separator: ", ")
            return Self.failure(.notFound, "no such region on this port: \(String(region.prefix(64))) (served: \(served))")
        }
        guard case .object(let members)? = JSONValue.parseFirst(body),
              case .bool(let down)? = members.last(where: { $0.key == "down" })?.value else {
            return Self.failure(.badRequest, #"expected a body like {"down":true} or {"down":false}"#)
        }
        regional.setRegionDown(down)
        return Self.ok(Self.regionDocument(regional))
    }

    // MARK: Documents

    private func regionsDocument() -> String {
        let regions = [simulator] + simulator.regionSimulators.sorted { $0.key < $1.key }.map(\.value)
        return JSONText.object([("regions", "[" + regions.map(Self.regionDocument).joined(separator: ",") + "]")])
    }

    private static func regionDocument(_ regional: AgentSimulator) -> String {
        JSONText.object([
            ("region", JSONText.string(regional.configuration.region)),
            ("down", regional.isRegionDown ? "true" : "false"),
            ("requests", String(regional.ecsAPIRequestCount)),
        ])
    }

    private func tasksDocument() -> String {
        JSONText.object([
            ("agentDown", simulator.isAgentDown ? "true" : "false"),
            ("tasks", "[" + simulator.tasks.map(Self.taskDocument).joined(separator: ",") + "]"),
        ])
    }

    static func taskDocument(_ task: SimulatedTask) -> String {
        JSONText.object([
            ("index", String(task.index)),
            ("endpointID", JSONText.string(task.endpointID)),
            ("taskArn", JSONText.string(task.taskArn)),
            ("agentURI", JSONText.string(task.agentURI)),
            ("fault", JSONText.optionalString(task.fault?.rawValue)),
            ("protectionEnabled", task.protectionEnabled ? "true" : "false"),
            ("expirationDate", JSONText.optionalString(task.expirationDate.map {
                WireTime.rfc3339(millisecondsSince1970: TaskStore.milliseconds($0))
            })),
        ])
    }

    private static func agentDocument(down: Bool) -> String {
        JSONText.object([("down", down ? "true" : "false")])
    }

    private static func ok(_ body: String) -> HTTPReply {
        HTTPReply(status: .ok, headers: [("Content-Type", "application/json")], body: Array(body.utf8))
    }

    private static func failure(_ status: HTTPResponseStatus, _ message: String) -> HTTPReply {
        HTTPReply(status: status, headers: [("Content-Type", "application/json")],
                  body: Array(JSONText.object([("error", JSONText.string(message))]).utf8))
    }
}

import Synchronization

/// Services' desired counts, changeable while the simulator runs (a scenario scales a service) and
/// read by the ECS API responder on each call.
final class DesiredCountTable: Sendable {
    private let counts: Mutex<[String: Int]>

    init(_ initial: [String: Int]) {
        counts = Mutex(initial)
    }

    subscript(service: String) -> Int? {
        get { counts.withLock { $0[service] } }
    }

    func set(_ count: Int?, for service: String) {
        counts.withLock { $0[service] = count }
    }
}

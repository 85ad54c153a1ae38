import Dashboard
import Foundation
import ProtectionCore
import TerminalUI
import TerminalTestSupport
import Testing

/// The header's buckets partition the tasks after every event, whatever the events: random
/// sequences of answers (protection, failures, errors, rate limits, transport faults), PUTs sent
/// and answered, ticks, keys, and tasks appearing, stopping and leaving.
@Suite(.utf8Locale) struct CountPartitionPropertyTests {
    @Test(arguments: 1...25)
    func bucketsSumToTheTotalAndEachTaskIsInExactlyOne(seed: UInt64) {
        var random = SeededRandomNumberGenerator(seed: seed)
        var state = Fixtures.state(labels: (0..<6).map { "t-\($0)" }, width: 100, height: 30, demo: true)
        var now = Fixtures.t0
        for step in 0..<300 {
            let event = randomEvent(&random, now: &now, state: state)
            _ = DashboardReducer.reduce(&state, event)
            let counts = state.counts
            #expect(counts.total == state.tasks.count, "seed \(seed) step \(step): \(counts) for \(state.tasks.count) tasks after \(event)")
            // Each task in exactly one bucket, the same one its row shows (PENDING shows the answer's).
            var recount = TaskCounts()
            for row in state.tasks { recount.add(state.bucket(of: row)) }
            #expect((recount.protected, recount.unprotected, recount.lapsed, recount.unknown, recount.gone)
                == (counts.protected, counts.unprotected, counts.lapsed, counts.unknown, counts.gone),
                "seed \(seed) step \(step): header \(counts) differs from the rows \(recount)")
            // The title line says the same numbers.
            let title = Self.titleLine(state)
            #expect(title.contains("\(state.tasks.count) task"), "seed \(seed) step \(step): \(title)")
            if !(title.contains("\(counts.protected) protected") && title.contains("\(counts.unprotected) unprotected")) {
                Issue.record("seed \(seed) step \(step): title \(title) does not say \(counts)")
                return
            }
        }
    }

    private static func titleLine(_ state: DashboardState) -> String {
        DashboardRenderer.render(state).textLines.first ?? ""
    }

    private func randomEvent(_ random: inout SeededRandomNumberGenerator, now: inout Date, state: DashboardState) -> DashboardEvent {
        let ids = state.tasks.map(\.id)
        let target = ids.isEmpty ? 0 : ids[Int(random.next() % UInt64(ids.count))]
        let results: [ProtectionResult] = [
            Fixtures.protection(target, enabled: true, minutesLeft: Double(random.next() % 30) / 10, from: now),
            Fixtures.protection(target, enabled: true, minutesLeft: 120, from: now),
            Fixtures.protection(target, enabled: false),
            Fixtures.taskNotValid,
            Fixtures.throttled,
            .rateLimited(message: "You have reached maximum request limit."),
            .transport(.connectionRefused),
            .transport(.timeout),
            .transport(.unexpectedResponse("body is not JSON")),
            .failure(ProtectionFailure(arn: Fixtures.arn("x"), reason: "DEPLOYMENT_BLOCKED", detail: nil)),
        ]
        let result = results[Int(random.next() % UInt64(results.count))]
        let status: Int? = if case .transport = result { nil } else { 200 }
        switch random.next() % 10 {
        case 0, 1, 2:
            return .monitor(.responded(target: target, request: .get, response: Fixtures.response(result, status: status, at: now)))
        case 3:
            let change = random.next() % 2 == 0 ? Fixtures.defaultProtect : .unprotect
            return .monitor(.responded(target: target, request: .put(change), response: Fixtures.response(result, status: status, at: now)))
        case 4:
            now = now.addingTimeInterval(Double(random.next() % 90))
            return .tick(now)
        case 5:
            let keys: [Character] = ["p", "u", "y", "K", "x", "F", " ", "j", "k", "a", "A", "s"]
            return .key(.character(keys[Int(random.next() % UInt64(keys.count))]))
        case 6:
            return .source(.targetsGone([target]))
        case 7:
            return .source(.targetsRemoved([target]))
        case 8:
            let id = 100 + Int(random.next() % 20)
            return .source(.targetsAdded([SourceTarget(id: id, label: "new-\(id)", taskArn: Fixtures.arn("n\(id)"), service: "web")]))
        default:
            return .key(.enter)
        }
    }
}

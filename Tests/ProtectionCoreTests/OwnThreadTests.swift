import Foundation
import Testing
@testable import ProtectionCore

@Suite struct OwnThreadTests {
    @Test func runsOnANamedThreadWithTheStackAskedFor() async throws {
        let (name, deepEnough) = await OwnThread.run(name: "ecs-protect.test-thread") { () -> (String, Bool) in
            let name = (try? String(contentsOfFile: "/proc/thread-self/comm", encoding: .utf8)) ?? ""
            // 4 MB on the stack at once: more than a pool thread's default of 512 kB would hold.
            let deep = withUnsafeTemporaryAllocation(of: UInt8.self, capacity: 4 << 20) { buffer in
                buffer.initialize(repeating: 1)
                return buffer.reduce(0) { $0 &+ Int($1) } == 4 << 20
            }
            return (name, deep)
        }
        #expect(name == "ecs-protect.tes\n", "Linux keeps the first 15 bytes of a thread's name")
        #expect(deepEnough)
    }

    @Test func manyThreadsAllFinish() async {
        let results = await withTaskGroup(of: Int.self) { group in
            for index in 0..<32 { group.addTask { await OwnThread.run(name: "worker") { index * 2 } } }
            return await group.reduce(0, +)
        }
        #expect(results == (0..<32).reduce(0) { $0 + $1 * 2 })
    }
}
